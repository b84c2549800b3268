/// An error a handler throws to answer with a specific status; the server's error renderer turns it
/// into a body (problem+json by default). `detail` is shown to the client, so it must never carry
/// secrets or raw upstream text.
public struct HTTPError: Error, Sendable {
    public var status: HTTPStatus
    public var title: String?
    public var detail: String
    public var headers: HTTPHeaders
    /// Problem type URI; `about:blank` when the status says it all.
    public var type: String
    /// Extra string members of the problem (RFC 9457 §3.2), e.g. the upstream's own error code.
    public var extensions: [(String, String)]
    /// Field-level problems, each located by JSON pointer.
    public var errors: [ProblemDetails.FieldError]

    public init(
        _ status: HTTPStatus, title: String? = nil, detail: String, headers: HTTPHeaders = HTTPHeaders(), type: String = "about:blank",
        extensions: [(String, String)] = [], errors: [ProblemDetails.FieldError] = []
    ) {
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers
        self.type = type
        self.extensions = extensions
        self.errors = errors
    }
}
