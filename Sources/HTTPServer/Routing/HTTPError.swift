/// An error a handler throws to answer with a specific status; the server's error renderer turns it
/// into a body (problem+json by default). `detail` is shown to the client, so it must never carry
/// secrets or raw upstream text.
public struct HTTPError: Error, Sendable {
    public var status: HTTPStatus
    public var title: String?
    public var detail: String
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, title: String? = nil, detail: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers
    }
}
