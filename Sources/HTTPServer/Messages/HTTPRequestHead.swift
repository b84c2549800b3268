/// What the parser knows once the header section is complete: enough to route, to decide whether to
/// send `100 Continue`, and to frame the body.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: HTTPMethod
    /// The request target as sent (origin-form `/path?query`; absolute-form is reduced to it).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// How the body is framed, decided once so the connection and parser agree.
    public var framing: BodyFraming

    public enum BodyFraming: Sendable, Equatable {
        case none
        case contentLength(Int)
        case chunked
    }

    public init(method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders, framing: BodyFraming) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.framing = framing
    }

    /// The path part of the target, before any `?`.
    public var path: Substring {
        target.pathPart
    }

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3).
    public var isKeepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        if version == .http1_0 { return headers.hasToken("keep-alive", in: "Connection") }
        return true
    }

    public var expectsContinue: Bool {
        version == .http1_1 && (headers["Expect"].map { $0.trimmingOWS().equalsIgnoringASCIICase("100-continue") } ?? false)
    }
}
