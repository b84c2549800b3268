@testable import HTTPServer
import Testing

@Suite("HTTP1ResponseSerializer")
struct HTTP1ResponseSerializerTests {
    static let date = "Tue, 15 Nov 1994 08:12:31 GMT"

    static func context(
        _ version: HTTPVersion = .http1_1, requestID: String = "req-1", isHead: Bool = false, keepAlive: Bool = true
    ) -> HTTP1ResponseSerializer.Context {
        HTTP1ResponseSerializer.Context(version: version, requestID: requestID, date: date, isHead: isHead, keepAlive: keepAlive)
    }

    /// A serialized response split into its parts, so rows can assert on each.
    struct Wire {
        var statusLine: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var bodyCount: Int
        var raw: [UInt8]

        init(_ response: HTTPResponse, _ context: HTTP1ResponseSerializer.Context) {
            var out: [UInt8] = []
            bodyCount = HTTP1ResponseSerializer.write(response, context: context, into: &out)
            raw = out
            let separator: [UInt8] = Array("\r\n\r\n".utf8)
            let headEnd = (0...(out.count - 4)).first { Array(out[$0..<$0 + 4]) == separator } ?? out.count
            let head = String(decoding: out[..<headEnd], as: UTF8.self)
            // "\r\n" is a single Character in Swift, so this splits on CRLF only.
            let lines = head.split(separator: "\r\n" as Character, omittingEmptySubsequences: false)
            statusLine = String(lines[0])
            headers = lines.dropFirst().map { line in
                let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), parts.count > 1 ? String(parts[1].dropFirst()) : "")
            }
            body = headEnd + 4 <= out.count ? Array(out[(headEnd + 4)...]) : []
        }

        func values(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }

        var names: [String] { headers.map(\.name) }
    }

    // MARK: - Status line

    struct StatusLineRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var version: HTTPVersion
        var status: HTTPStatus
        var expected: String
        var testDescription: String { comment }
    }

    static let statusLineRows: [StatusLineRow] = [
        StatusLineRow(comment: "HTTP/1.1 200", version: .http1_1, status: .ok, expected: "HTTP/1.1 200 OK"),
        StatusLineRow(comment: "HTTP/1.0 200", version: .http1_0, status: .ok, expected: "HTTP/1.0 200 OK"),
        StatusLineRow(comment: "HTTP/1.1 404", version: .http1_1, status: .notFound, expected: "HTTP/1.1 404 Not Found"),
        StatusLineRow(comment: "HTTP/1.0 503", version: .http1_0, status: .serviceUnavailable, expected: "HTTP/1.0 503 Service Unavailable"),
        StatusLineRow(comment: "431 reason phrase", version: .http1_1, status: .requestHeaderFieldsTooLarge, expected: "HTTP/1.1 431 Request Header Fields Too Large"),
        StatusLineRow(comment: "custom reason phrase", version: .http1_1, status: HTTPStatus(code: 299, reasonPhrase: "Fine"), expected: "HTTP/1.1 299 Fine"),
        StatusLineRow(comment: "unknown code gets a generic phrase", version: .http1_1, status: HTTPStatus(code: 299), expected: "HTTP/1.1 299 Status 299"),
        StatusLineRow(
            comment: "reason phrase with CRLF is sanitized", version: .http1_1,
            status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nSet-Cookie: evil=1"), expected: "HTTP/1.1 200 OK  Set-Cookie: evil=1"
        ),
        StatusLineRow(
            comment: "reason phrase with bare LF and NUL is sanitized", version: .http1_1,
            status: HTTPStatus(code: 400, reasonPhrase: "Bad\nRe\0quest"), expected: "HTTP/1.1 400 Bad Re quest"
        ),
    ]

    @Test(arguments: statusLineRows)
    func statusLine_forVersionAndStatus_isWrittenFirst(_ row: StatusLineRow) {
        let wire = Wire(HTTPResponse(status: row.status), Self.context(row.version))
        #expect(wire.statusLine == row.expected)
        #expect(!wire.names.contains { $0.lowercased() == "set-cookie" })
    }

    // MARK: - Content-Length and body

    struct BodyRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var status: HTTPStatus
        var body: String
        var isHead: Bool
        /// nil: no Content-Length header at all.
        var contentLength: String?
        var wireBody: String
        var testDescription: String { comment }
    }

    static let bodyRows: [BodyRow] = [
        BodyRow(comment: "200 with a body", status: .ok, body: "hello", isHead: false, contentLength: "5", wireBody: "hello"),
        BodyRow(comment: "200 with an empty body", status: .ok, body: "", isHead: false, contentLength: "0", wireBody: ""),
        BodyRow(comment: "multi-byte UTF-8 counted in bytes", status: .ok, body: "é€", isHead: false, contentLength: "5", wireBody: "é€"),
        BodyRow(comment: "404 with a body", status: .notFound, body: "{}", isHead: false, contentLength: "2", wireBody: "{}"),
        BodyRow(comment: "HEAD keeps Content-Length, omits body", status: .ok, body: "hello", isHead: true, contentLength: "5", wireBody: ""),
        BodyRow(comment: "HEAD of a 404", status: .notFound, body: "missing", isHead: true, contentLength: "7", wireBody: ""),
        BodyRow(comment: "204 has neither Content-Length nor body", status: .noContent, body: "ignored", isHead: false, contentLength: nil, wireBody: ""),
        BodyRow(comment: "304 has neither Content-Length nor body", status: HTTPStatus(code: 304), body: "ignored", isHead: false, contentLength: nil, wireBody: ""),
        BodyRow(comment: "100 has neither Content-Length nor body", status: .continue, body: "ignored", isHead: false, contentLength: nil, wireBody: ""),
        BodyRow(comment: "101 has neither Content-Length nor body", status: HTTPStatus(code: 101), body: "", isHead: false, contentLength: nil, wireBody: ""),
        BodyRow(comment: "199 has neither Content-Length nor body", status: HTTPStatus(code: 199), body: "x", isHead: false, contentLength: nil, wireBody: ""),
        BodyRow(comment: "205 still carries Content-Length", status: HTTPStatus(code: 205), body: "", isHead: false, contentLength: "0", wireBody: ""),
    ]

    @Test(arguments: bodyRows)
    func contentLength_fromBodyAndStatus_isComputedByTheServer(_ row: BodyRow) {
        let wire = Wire(HTTPResponse(status: row.status, body: Array(row.body.utf8)), Self.context(isHead: row.isHead))
        #expect(wire.values("Content-Length") == (row.contentLength.map { [$0] } ?? []))
        #expect(wire.body == Array(row.wireBody.utf8))
        #expect(wire.bodyCount == row.wireBody.utf8.count)
        #expect(wire.values("Transfer-Encoding").isEmpty)
    }

    // MARK: - Connection, Date, X-Request-Id

    struct ConnectionRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var version: HTTPVersion
        var keepAlive: Bool
        var connection: [String]
        var testDescription: String { comment }
    }

    static let connectionRows: [ConnectionRow] = [
        ConnectionRow(comment: "1.1 keep-alive is implicit", version: .http1_1, keepAlive: true, connection: []),
        ConnectionRow(comment: "1.1 closing says close", version: .http1_1, keepAlive: false, connection: ["close"]),
        ConnectionRow(comment: "1.0 keep-alive must be explicit", version: .http1_0, keepAlive: true, connection: ["keep-alive"]),
        ConnectionRow(comment: "1.0 closing says close", version: .http1_0, keepAlive: false, connection: ["close"]),
    ]

    @Test(arguments: connectionRows)
    func connectionHeader_forVersionAndKeepAlive_saysWhatTheServerDecided(_ row: ConnectionRow) {
        let handlerHeaders: HTTPHeaders = ["Connection": "upgrade", "Keep-Alive": "timeout=5"]
        let wire = Wire(HTTPResponse(status: .ok, headers: handlerHeaders), Self.context(row.version, keepAlive: row.keepAlive))
        #expect(wire.values("Connection") == row.connection)
        #expect(wire.values("Keep-Alive").isEmpty)
    }

    @Test
    func dateAndRequestID_always_comeFromTheContext() {
        for status in [HTTPStatus.ok, .noContent, .continue, .internalServerError] {
            let wire = Wire(HTTPResponse(status: status), Self.context(requestID: "abc.DEF:1-2_3"))
            #expect(wire.values("Date") == [Self.date], "\(status)")
            #expect(wire.values("X-Request-Id") == ["abc.DEF:1-2_3"], "\(status)")
        }
    }

    // MARK: - Handler headers

    struct HeaderRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var handlerHeaders: [(String, String)]
        /// Handler fields expected on the wire, in order (server-owned fields excluded).
        var kept: [String]
        var testDescription: String { comment }
    }

    static let serverOwned: Set<String> = ["content-length", "date", "x-request-id", "connection"]

    static let headerRows: [HeaderRow] = [
        HeaderRow(comment: "ordinary headers kept in order with their spelling", handlerHeaders: [("Content-Type", "text/plain"), ("ETag", "\"v1\""), ("x-custom", "a, b")], kept: ["Content-Type: text/plain", "ETag: \"v1\"", "x-custom: a, b"]),
        HeaderRow(comment: "repeated headers kept", handlerHeaders: [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")], kept: ["Set-Cookie: a=1", "Set-Cookie: b=2"]),
        HeaderRow(comment: "handler Content-Length ignored", handlerHeaders: [("Content-Length", "999"), ("content-length", "1")], kept: []),
        HeaderRow(comment: "handler Transfer-Encoding ignored", handlerHeaders: [("Transfer-Encoding", "chunked")], kept: []),
        HeaderRow(comment: "handler Date ignored", handlerHeaders: [("DATE", "yesterday")], kept: []),
        HeaderRow(comment: "handler Connection ignored", handlerHeaders: [("Connection", "keep-alive")], kept: []),
        HeaderRow(comment: "handler X-Request-Id ignored", handlerHeaders: [("X-Request-ID", "spoofed")], kept: []),
        HeaderRow(comment: "value with CRLF dropped", handlerHeaders: [("Location", "/a\r\nSet-Cookie: evil=1"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "value with bare LF dropped", handlerHeaders: [("X-A", "a\nb"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "value with bare CR dropped", handlerHeaders: [("X-A", "a\rb"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "value with NUL dropped", handlerHeaders: [("X-A", "a\0b"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "name with CRLF dropped", handlerHeaders: [("X-A\r\nSet-Cookie", "evil=1"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "name with LF dropped", handlerHeaders: [("X\nA", "v"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "name with NUL dropped", handlerHeaders: [("X\0A", "v"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
        HeaderRow(comment: "name with CR dropped", handlerHeaders: [("X\rA", "v"), ("X-Ok", "1")], kept: ["X-Ok: 1"]),
    ]

    @Test(arguments: headerRows)
    func handlerHeaders_whenUnsafeOrServerOwned_areDropped(_ row: HeaderRow) {
        let wire = Wire(HTTPResponse(status: .ok, headers: HTTPHeaders(row.handlerHeaders), body: Array("body".utf8)), Self.context(keepAlive: false))
        let handlerLines = wire.headers.filter { !Self.serverOwned.contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" }
        #expect(handlerLines == row.kept)
        #expect(wire.values("Content-Length") == ["4"])
        #expect(wire.values("Date") == [Self.date])
        #expect(wire.values("X-Request-Id") == ["req-1"])
        #expect(wire.values("Connection") == ["close"])
        #expect(wire.body == Array("body".utf8))
        // Nothing a handler wrote may start a line of its own.
        let text = String(decoding: wire.raw, as: UTF8.self)
        #expect(!text.contains("\r\nSet-Cookie: evil"))
        #expect(!wire.raw.contains(0))
    }

    // MARK: - Exact bytes

    @Test
    func fullResponse_withHandlerAndServerHeaders_hasExactBytes() {
        let response = HTTPResponse(
            status: .created,
            headers: [
                "Content-Type": "application/json; charset=utf-8",
                "Content-Length": "999",
                "Location": "/v1/runs/42",
                "Transfer-Encoding": "chunked",
                "Date": "never",
                "Connection": "upgrade",
            ],
            body: Array("{\"id\":42}".utf8)
        )
        var out = Array("previous".utf8)
        let written = HTTP1ResponseSerializer.write(response, context: Self.context(requestID: "r-7", keepAlive: false), into: &out)
        let expected = "previous"
            + "HTTP/1.1 201 Created\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n"
            + "Location: /v1/runs/42\r\n"
            + "Content-Length: 9\r\n"
            + "Date: Tue, 15 Nov 1994 08:12:31 GMT\r\n"
            + "X-Request-Id: r-7\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + "{\"id\":42}"
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(written == 9)
    }

    @Test
    func fullResponse_noContentOnHTTP10KeepAlive_hasExactBytes() {
        var out: [UInt8] = []
        let written = HTTP1ResponseSerializer.write(
            HTTPResponse(status: .noContent, headers: ["Allow": "GET, HEAD, OPTIONS"], body: Array("x".utf8)),
            context: Self.context(.http1_0, requestID: "id", isHead: false, keepAlive: true), into: &out
        )
        #expect(String(decoding: out, as: UTF8.self) == "HTTP/1.0 204 No Content\r\nAllow: GET, HEAD, OPTIONS\r\nDate: Tue, 15 Nov 1994 08:12:31 GMT\r\nX-Request-Id: id\r\nConnection: keep-alive\r\n\r\n")
        #expect(written == 0)
    }

    @Test
    func continueLine_constant_isTheInterim100Response() {
        #expect(String(decoding: HTTP1ResponseSerializer.continueLine, as: UTF8.self) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test
    func serializedResponse_parsedBackAsHeaders_hasOneOfEachServerField() {
        let wire = Wire(
            HTTPResponse(status: .ok, headers: ["Content-Length": "1", "Date": "x", "X-Request-Id": "y", "Connection": "z"], body: [1, 2, 3]),
            Self.context(.http1_0, keepAlive: true)
        )
        for name in ["Content-Length", "Date", "X-Request-Id", "Connection"] {
            #expect(wire.values(name).count == 1, "\(name)")
        }
    }
}
