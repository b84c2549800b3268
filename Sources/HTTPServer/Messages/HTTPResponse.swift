/// A complete response. The serializer adds `Date`, `Content-Length`, `X-Request-Id` and
/// `Connection` itself, so handlers set only what is theirs.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static let jsonContentType = "application/json; charset=utf-8"
    public static let problemContentType = "application/problem+json"

    /// A JSON response from already-encoded bytes.
    public static func json(_ status: HTTPStatus = .ok, _ body: [UInt8], headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var h = headers
        h.set("Content-Type", jsonContentType)
        return HTTPResponse(status: status, headers: h, body: body)
    }

    public static func json(_ status: HTTPStatus = .ok, _ body: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        json(status, Array(body.utf8), headers: headers)
    }

    public static func text(_ status: HTTPStatus = .ok, _ body: String, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(body.utf8))
    }
}
