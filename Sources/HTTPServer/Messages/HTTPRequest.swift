/// A complete request as handlers see it: the body is fully read (bounded by the body limit), so
/// handlers never deal with partial input or know which protocol carried the request.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Values of `{name}` segments in the matched route, percent-decoded.
    public var pathParameters: [String: String]
    /// The route template that matched (e.g. `/v1/schedules/{id}`); metrics and logs use it so that
    /// ids do not explode label cardinality.
    public var route: String?
    /// The id this exchange is known by in logs and in the `X-Request-Id` response header.
    public var requestID: String
    /// `ip:port` of the peer.
    public var remoteAddress: String
    /// Who the request is authenticated as, set by an authentication middleware for the handlers
    /// (e.g. to scope idempotency keys or record who changed something); nil when unauthenticated.
    public var principal: String?

    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], pathParameters: [String: String] = [:], route: String? = nil,
        requestID: String = "test", remoteAddress: String = "127.0.0.1:0"
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.pathParameters = pathParameters
        self.route = route
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }

    /// The path part of the target, before any `?`, still percent-encoded.
    public var path: Substring {
        target.pathPart
    }

    /// The raw query string after `?`, if any.
    public var queryString: Substring? {
        target.queryPart
    }

    /// Query parameters in order, `+` and percent-escapes decoded. A parameter whose escapes are
    /// malformed keeps its raw text, so validation can name it instead of silently dropping it.
    public var queryItems: [(name: String, value: String)] {
        guard let qs = queryString, !qs.isEmpty else { return [] }
        return qs.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentDecoding.decode(parts[0], plusAsSpace: true) ?? String(parts[0])
            let rawValue = parts.count > 1 ? parts[1] : ""
            let value = PercentDecoding.decode(rawValue, plusAsSpace: true) ?? String(rawValue)
            return (name, value)
        }
    }

    /// The first value of query parameter `name`.
    public func query(_ name: String) -> String? {
        guard let qs = queryString, !qs.isEmpty else { return nil }
        // Decodes only the names until one matches, then that value: handlers ask for one or two
        // parameters per request, and decoding every pair showed in profiles.
        for pair in qs.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = parts[0]
            let matches = rawName == name[...] || (PercentDecoding.decode(rawName, plusAsSpace: true) ?? String(rawName)) == name
            guard matches else { continue }
            let rawValue = parts.count > 1 ? parts[1] : ""
            return PercentDecoding.decode(rawValue, plusAsSpace: true) ?? String(rawValue)
        }
        return nil
    }
}
