public import Foundation

/// Sends a caller's own request to the pipelines service unchanged — the SDK facade's pass-through
/// (DESIGN "Migration from SDK v1"): every `/pipelines/v1.0/…` call the gateway does not serve itself.
///
/// Unlike `AzureMLClient` it adds no token of the gateway's and retries nothing: the caller's
/// `Authorization` travels as sent, and the caller (the SDK) decides about retries. The target is the
/// configured base URL joined with the request's path and query, so the host never comes from the
/// request and a caller's token can reach only the configured service. The answer is buffered whole
/// (the transport caps it at 64 MiB), because the gateway's HTTP server writes complete responses.
public struct PipelinesPassThrough: Sendable {
    /// The pipelines service base (`https://{region}.api.azureml.ms`, or the emulator's address).
    public let baseURL: URL
    let transport: HTTPTransport
    let timeout: Duration

    /// Request and response header fields that belong to one connection, not to the exchange
    /// (RFC 9110 §7.6.1), plus those the transport or the gateway's server write themselves.
    static let connectionFields: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings",
    ]

    public init(baseURL: URL, transport: HTTPTransport, timeout: Duration = .seconds(100)) {
        self.baseURL = baseURL
        self.transport = transport
        self.timeout = timeout
    }

    /// The client's pass-through: same base URL and transport (one connection pool).
    public init(client: AzureMLClient, timeout: Duration = .seconds(100)) {
        self.init(baseURL: client.baseURL, transport: client.transport, timeout: timeout)
    }

    /// Sends `method pathAndQuery` with `headers` and `body` once. `pathAndQuery` must start with
    /// `/pipelines/` (the only subtree passed on); anything else fails as `.notSent`.
    public func forward(
        method: String, pathAndQuery: String, headers: [(name: String, value: String)], body: [UInt8]
    ) async throws(TransportFailure) -> TransportResponse {
        guard pathAndQuery.hasPrefix("/pipelines/"), let url = target(pathAndQuery) else {
            throw TransportFailure(kind: .notSent, message: "only /pipelines/ paths are passed through")
        }
        let fields = Self.endToEnd(headers)
        var merged: [String: String] = [:]
        for field in fields {
            // The transport takes one value per name: repeated fields are joined as RFC 9110 §5.3 allows.
            merged[field.name] = merged[field.name].map { "\($0), \(field.value)" } ?? field.value
        }
        let requestID = fields.first { $0.name.lowercased() == "x-ms-client-request-id" }?.value ?? UUID().uuidString.lowercased()
        let request = TransportRequest(
            method: method, url: url, headers: merged, body: body.isEmpty && (method == "GET" || method == "HEAD") ? nil : Data(body),
            clientRequestID: requestID)
        return try await transport.perform(request, timeout: timeout)
    }

    /// The base URL's scheme and authority (and any path of its own) followed by the request's path
    /// and query as the caller wrote them, still percent-encoded.
    func target(_ pathAndQuery: String) -> URL? {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + pathAndQuery)
    }

    /// `fields` without hop-by-hop ones: the fixed list and every field the `Connection` header names.
    public static func endToEnd(_ fields: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var dropped = connectionFields
        for field in fields where field.name.lowercased() == "connection" {
            for token in field.value.split(separator: ",") {
                dropped.insert(token.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        return fields.filter { !dropped.contains($0.name.lowercased()) }
    }
}
