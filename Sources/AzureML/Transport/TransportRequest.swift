public import Foundation

/// One HTTP request for `HTTPTransport`: everything needed to send it once.
public struct TransportRequest: Sendable {
    /// `GET`, `POST`, `PUT`…
    public var method: String
    public var url: URL
    /// Header fields by name; the transport adds `Accept`, `User-Agent` and `x-ms-client-request-id`
    /// when they are absent.
    public var headers: [String: String]
    public var body: Data?
    /// Sent as `x-ms-client-request-id`, so a failure can be looked up in Azure's logs.
    public var clientRequestID: String

    public init(
        method: String, url: URL, headers: [String: String] = [:], body: Data? = nil,
        clientRequestID: String = UUID().uuidString.lowercased()
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.clientRequestID = clientRequestID
    }
}
