/// A complete response. The serializer adds `Date`, `Content-Length`, `X-Request-Id` and
/// `Connection` itself, so handlers set only what is theirs.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// When set, nothing is written: the connection is reset (TCP RST) instead. Only for simulating a
    /// network failure (the emulator's fault injection); clients see a connection reset by peer.
    public var resetsConnection = false

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A "response" that resets the connection without answering.
    public static var connectionReset: HTTPResponse {
        var response = HTTPResponse(status: HTTPStatus(code: 499, reasonPhrase: "Connection Reset"))
        response.resetsConnection = true
        return response
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
