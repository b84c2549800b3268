@testable import HTTPServer
import Testing

private typealias H = ParserHarness

@Suite("HTTP1RequestParser")
struct HTTP1RequestParserTests {
    // MARK: - Valid requests

    struct ValidRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var input: [UInt8]
        var expected: [ParserHarness.Request]
        var testDescription: String { comment }

        init(_ comment: String, _ input: String, _ expected: [ParserHarness.Request]) {
            self.init(comment, Array(input.utf8), expected)
        }

        init(_ comment: String, _ input: [UInt8], _ expected: [ParserHarness.Request]) {
            self.comment = comment
            self.input = input
            self.expected = expected
        }
    }

    static let pipelined: String = (0..<10).map { i in
        i.isMultiple(of: 2)
            ? "GET /r\(i) HTTP/1.1\r\nHost: h\r\n\r\n"
            : "POST /r\(i) HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n#\(i)"
    }.joined()

    static let validRows: [ValidRow] = [
        ValidRow(
            "simple GET", "GET /healthz HTTP/1.1\r\nHost: example.com\r\n\r\n",
            [H.request(.GET, "/healthz", headers: [("Host", "example.com")])]
        ),
        ValidRow(
            "query string kept in target", "GET /v1/runs?limit=5&cursor=a%20b HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.GET, "/v1/runs?limit=5&cursor=a%20b", headers: [("Host", "h")])]
        ),
        ValidRow(
            "HEAD", "HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.HEAD, "/x", headers: [("Host", "h")])]
        ),
        ValidRow(
            "POST with Content-Length body",
            "POST /v1/p HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\n",
            [H.request(.POST, "/v1/p", headers: [("Host", "h"), ("Content-Type", "application/json"), ("Content-Length", "11")], framing: .contentLength(11), body: "{\"a\":\"bc\"}\n")]
        ),
        ValidRow(
            "Content-Length 0 gives head and end with no body", "PUT /z HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
            [H.request(.PUT, "/z", headers: [("Host", "h"), ("Content-Length", "0")], framing: .contentLength(0))]
        ),
        ValidRow(
            "chunked body with several chunks, extensions and trailers (trailers dropped)",
            "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n"
                + "1 ;a=\"q\";b\r\n \r\n"
                + "A\r\n0123456789\r\n"
                + "0;last\r\nX-Checksum: abc\r\nX-Other:  1 \r\n\r\n",
            [H.request(.POST, "/c", headers: [("Host", "h"), ("Transfer-Encoding", "chunked")], framing: .chunked, body: "hello 0123456789")]
        ),
        ValidRow(
            "chunk sizes in upper and lower case hex with leading zeros",
            "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n00b\r\nabcdefghijk\r\n0B\r\nABCDEFGHIJK\r\n000\r\n\r\n",
            [H.request(.POST, "/c", headers: [("Host", "h"), ("Transfer-Encoding", "chunked")], framing: .chunked, body: "abcdefghijkABCDEFGHIJK")]
        ),
        ValidRow(
            "zero-length chunked body",
            "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            [H.request(.POST, "/c", headers: [("Host", "h"), ("Transfer-Encoding", "chunked")], framing: .chunked)]
        ),
        ValidRow(
            "lowercase chunked coding", "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
            [H.request(.POST, "/c", headers: [("Host", "h"), ("Transfer-Encoding", "chunked")], framing: .chunked, body: "x")]
        ),
        ValidRow(
            "capitalised Chunked coding and lowercase header name",
            "POST /c HTTP/1.1\r\nHost: h\r\ntransfer-encoding: Chunked\r\n\r\n1\r\ny\r\n0\r\n\r\n",
            [H.request(.POST, "/c", headers: [("Host", "h"), ("transfer-encoding", "Chunked")], framing: .chunked, body: "y")]
        ),
        ValidRow(
            "HTTP/1.0 without Host", "GET /old HTTP/1.0\r\n\r\n",
            [H.request(.GET, "/old", .http1_0, headers: [])]
        ),
        ValidRow(
            "HTTP/1.0 with Content-Length body", "POST /old HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc",
            [H.request(.POST, "/old", .http1_0, headers: [("Content-Length", "3")], framing: .contentLength(3), body: "abc")]
        ),
        ValidRow(
            "absolute-form reduced to origin-form", "GET http://example.com/a?b=1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
            [H.request(.GET, "/a?b=1", headers: [("Host", "example.com")])]
        ),
        ValidRow(
            "absolute-form without path becomes /", "GET http://h HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.GET, "/", headers: [("Host", "h")])]
        ),
        ValidRow(
            "absolute-form with query but no path becomes /?query", "GET http://h?x HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.GET, "/?x", headers: [("Host", "h")])]
        ),
        ValidRow(
            "absolute-form https with port and uppercase scheme", "GET HTTPS://h:8443/p/q HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.GET, "/p/q", headers: [("Host", "h")])]
        ),
        ValidRow(
            "asterisk-form for OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.OPTIONS, "*", headers: [("Host", "h")])]
        ),
        ValidRow(
            "DELETE, PATCH and TRACE method tokens",
            ["DELETE", "PATCH", "TRACE"].map { "\($0) /m HTTP/1.1\r\nHost: h\r\n\r\n" }.joined(),
            [
                H.request(.DELETE, "/m", headers: [("Host", "h")]),
                H.request(.PATCH, "/m", headers: [("Host", "h")]),
                H.request(.TRACE, "/m", headers: [("Host", "h")]),
            ]
        ),
        ValidRow(
            "leading empty lines before the request line are ignored", "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
            [H.request(.GET, "/", headers: [("Host", "h")])]
        ),
        ValidRow(
            "header value OWS trimmed, inner spaces kept, empty value allowed",
            "GET / HTTP/1.1\r\nHost:h\r\nX-A: \t a  b \t\r\nX-Empty:\r\nX-Blank:   \r\n\r\n",
            [H.request(.GET, "/", headers: [("Host", "h"), ("X-A", "a  b"), ("X-Empty", ""), ("X-Blank", "")])]
        ),
        ValidRow(
            "header name spelling kept and all tchar accepted",
            "GET / HTTP/1.1\r\nhOsT: h\r\nX!#$%&'*+-.^_`|~09: v\r\n\r\n",
            [H.request(.GET, "/", headers: [("hOsT", "h"), ("X!#$%&'*+-.^_`|~09", "v")])]
        ),
        ValidRow(
            "obs-text bytes 0x80-0xFF accepted in a value",
            H.bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Latin1: caf") + [0xE9, 0x80, 0xFF] + H.bytes(" ok\r\n\r\n"),
            [H.request(.GET, "/", headers: [("Host", "h"), ("X-Latin1", String(decoding: H.bytes("caf") + [0xE9, 0x80, 0xFF] + H.bytes(" ok"), as: UTF8.self))])]
        ),
        ValidRow(
            "UTF-8 in a header value", "GET / HTTP/1.1\r\nHost: h\r\nX-Name: Zoë\r\n\r\n",
            [H.request(.GET, "/", headers: [("Host", "h"), ("X-Name", "Zoë")])]
        ),
        ValidRow(
            "duplicate identical Content-Length as a list", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\nabcde",
            [H.request(.POST, "/", headers: [("Host", "h"), ("Content-Length", "5, 5")], framing: .contentLength(5), body: "abcde")]
        ),
        ValidRow(
            "duplicate identical Content-Length as two fields",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nabcde",
            [H.request(.POST, "/", headers: [("Host", "h"), ("Content-Length", "5"), ("content-length", "5")], framing: .contentLength(5), body: "abcde")]
        ),
        ValidRow(
            "Content-Length with leading zeros", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0005\r\n\r\nabcde",
            [H.request(.POST, "/", headers: [("Host", "h"), ("Content-Length", "0005")], framing: .contentLength(5), body: "abcde")]
        ),
        ValidRow(
            "Content-Length with more leading zeros than fit in Int",
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 000000000000000000000000003\r\n\r\nabc",
            [H.request(.POST, "/", headers: [("Host", "h"), ("Content-Length", "000000000000000000000000003")], framing: .contentLength(3), body: "abc")]
        ),
        ValidRow(
            "body bytes that look like a request are body", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 18\r\n\r\nGET / HTTP/1.1\r\n\r\n",
            [H.request(.POST, "/", headers: [("Host", "h"), ("Content-Length", "18")], framing: .contentLength(18), body: "GET / HTTP/1.1\r\n\r\n")]
        ),
        ValidRow(
            "10 pipelined requests in one buffer", pipelined,
            (0..<10).map { i in
                i.isMultiple(of: 2)
                    ? H.request(.GET, "/r\(i)", headers: [("Host", "h")])
                    : H.request(.POST, "/r\(i)", headers: [("Host", "h"), ("Content-Length", "2")], framing: .contentLength(2), body: "#\(i)")
            }
        ),
        ValidRow(
            "pipelined chunked then GET with empty lines between",
            "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n",
            [
                H.request(.POST, "/a", headers: [("Host", "h"), ("Transfer-Encoding", "chunked")], framing: .chunked, body: "abc"),
                H.request(.GET, "/b", headers: [("Host", "h")]),
            ]
        ),
    ]

    private static func expectedOutcome(_ row: ValidRow) -> ParserHarness.Outcome {
        ParserHarness.Outcome(requests: row.expected, incomplete: nil, orderViolations: [], idleAtEnd: true)
    }

    @Test(arguments: validRows)
    func validRequest_fedAllAtOnce_yieldsExpectedRequests(_ row: ValidRow) throws {
        let outcome = try ParserHarness.run(H.allAtOnce(row.input))
        #expect(outcome == Self.expectedOutcome(row))
    }

    @Test(arguments: validRows)
    func validRequest_fedOneByteAtATime_yieldsSameRequests(_ row: ValidRow) throws {
        let outcome = try ParserHarness.run(H.byteByByte(row.input))
        #expect(outcome == Self.expectedOutcome(row))
    }

    @Test(arguments: validRows)
    func validRequest_splitAtEveryBoundary_yieldsSameRequests(_ row: ValidRow) {
        let expected = Result<ParserHarness.Outcome, HTTPParseError>.success(Self.expectedOutcome(row))
        for (cut, pieces) in H.everySplit(row.input) {
            let actual = ParserHarness.result(pieces)
            #expect(actual == expected, "split at byte \(cut)")
            if actual != expected { break }
        }
    }

    struct PieceRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var pieceSize: Int
        var testDescription: String { comment }
    }

    /// 300 requests of mixed framing, long enough that the parser compacts its buffer between reads.
    static let longStream: [UInt8] = (0..<300).flatMap { i -> [UInt8] in
        switch i % 3 {
        case 0: H.bytes("GET /s\(i)?q=\(i) HTTP/1.1\r\nHost: h\r\nX-Pad: \(String(repeating: "p", count: i % 17))\r\n\r\n")
        case 1: H.bytes("POST /s\(i) HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n\(i % 10)ab")
        default: H.bytes("PUT /s\(i) HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\n\(i % 10)c\r\n1\r\nd\r\n0\r\nT: 1\r\n\r\n")
        }
    }

    static let pieceRows: [PieceRow] = [
        PieceRow(comment: "7-byte reads", pieceSize: 7),
        PieceRow(comment: "1000-byte reads", pieceSize: 1000),
        PieceRow(comment: "4097-byte reads", pieceSize: 4097),
        PieceRow(comment: "5000-byte reads", pieceSize: 5000),
        PieceRow(comment: "9000-byte reads", pieceSize: 9000),
    ]

    @Test(arguments: pieceRows)
    func longPipelinedStream_fedInFixedSizeReads_yieldsSameRequestsAsOneFeed(_ row: PieceRow) throws {
        let whole = try ParserHarness.run([Self.longStream])
        #expect(whole.requests.count == 300)
        let bodyBytes: Int = whole.requests.reduce(0) { $0 + $1.body.count }
        #expect(bodyBytes == 600)
        let pieces = stride(from: 0, to: Self.longStream.count, by: row.pieceSize).map {
            Array(Self.longStream[$0..<min($0 + row.pieceSize, Self.longStream.count)])
        }
        let outcome = try ParserHarness.run(pieces)
        #expect(outcome == whole)
    }

    @Test
    func pipelinedRequests_fedTogether_leaveLaterRequestsBufferedUntilAsked() throws {
        var parser = HTTP1RequestParser()
        parser.feed(H.bytes(Self.pipelined))
        #expect(try parser.next() == .head(HTTPRequestHead(method: .GET, target: "/r0", version: .http1_1, headers: ["Host": "h"], framing: .none)))
        #expect(parser.isInBody)
        #expect(try parser.next() == .end)
        #expect(!parser.isInBody)
        #expect(!parser.isIdle)
        #expect(parser.bufferedByteCount == Self.pipelined.utf8.count - "GET /r0 HTTP/1.1\r\nHost: h\r\n\r\n".utf8.count)
    }

    @Test
    func newParser_beforeAnyInput_isIdleAndAsksForMore() throws {
        var parser = HTTP1RequestParser()
        #expect(parser.isIdle)
        #expect(try parser.next() == nil)
        parser.feed(H.bytes("GET"))
        #expect(try parser.next() == nil)
        #expect(!parser.isIdle)
    }

    @Test
    func contentLengthBody_arrivingInPieces_isDeliveredAsItArrives() throws {
        var parser = HTTP1RequestParser()
        parser.feed(H.bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\nab"))
        guard case .head = try parser.next() else {
            Issue.record("expected a head first")
            return
        }
        #expect(try parser.next() == .body(H.bytes("ab")))
        #expect(try parser.next() == nil)
        parser.feed(H.bytes("cdef"))
        #expect(try parser.next() == .body(H.bytes("cdef")))
        #expect(try parser.next() == .end)
        #expect(try parser.next() == nil)
        #expect(parser.isIdle)
    }

    @Test
    func feed_fromUnsafeRawBufferPointer_parsesLikeAnArray() throws {
        var parser = HTTP1RequestParser()
        let input = H.bytes("GET /raw HTTP/1.1\r\nHost: h\r\n\r\n")
        input.withUnsafeBytes { parser.feed($0) }
        #expect(try parser.next() == .head(HTTPRequestHead(method: .GET, target: "/raw", version: .http1_1, headers: ["Host": "h"], framing: .none)))
        #expect(try parser.next() == .end)
    }

    @Test
    func requestHead_keepAliveAndContinue_followVersionAndHeaders() throws {
        let outcome = try ParserHarness.run([H.bytes(
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "GET /2 HTTP/1.1\r\nHost: h\r\nConnection: foo, Close\r\n\r\n"
                + "GET /3 HTTP/1.0\r\n\r\n"
                + "GET /4 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"
                + "POST /5 HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx"
                + "POST /6 HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx"
        )])
        #expect(outcome.requests.map(\.head.isKeepAlive) == [true, false, false, true, true, false])
        #expect(outcome.requests.map(\.head.expectsContinue) == [false, false, false, false, true, false])
    }

    // MARK: - Malformed requests

    struct MalformedRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var input: [UInt8]
        var error: HTTPParseError
        var status: Int
        var testDescription: String { comment }

        init(_ comment: String, _ input: String, _ error: HTTPParseError, _ status: Int) {
            self.init(comment, Array(input.utf8), error, status)
        }

        init(_ comment: String, _ input: [UInt8], _ error: HTTPParseError, _ status: Int) {
            self.comment = comment
            self.input = input
            self.error = error
            self.status = status
        }
    }

    private static func get(_ headerLines: String) -> String { "GET / HTTP/1.1\r\n\(headerLines)\r\n" }
    private static func post(_ headerLines: String, body: String = "") -> String { "POST / HTTP/1.1\r\nHost: h\r\n\(headerLines)\r\n\(body)" }
    private static func chunked(_ body: String) -> String { "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(body)" }

    static let malformedRows: [MalformedRow] = [
        // Line endings
        MalformedRow("bare LF ending the request line", "GET / HTTP/1.1\nHost: h\n\n", .bareLineFeed, 400),
        MalformedRow("bare LF ending a header line", "GET / HTTP/1.1\r\nHost: h\n\r\n", .bareLineFeed, 400),
        MalformedRow("bare LF as the empty line", "GET / HTTP/1.1\r\nHost: h\r\n\n", .bareLineFeed, 400),
        MalformedRow("bare LF as a leading empty line", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .bareLineFeed, 400),
        MalformedRow("bare CR inside a header value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", .bareLineFeed, 400),
        MalformedRow("bare CR ending the request line", "GET / HTTP/1.1\rHost: h\r\n\r\n", .bareLineFeed, 400),
        MalformedRow("bare CR as a leading empty line", "\rGET / HTTP/1.1\r\nHost: h\r\n\r\n", .bareLineFeed, 400),
        MalformedRow("bare LF in a chunk size line", chunked("5\nhello\r\n0\r\n\r\n"), .bareLineFeed, 400),
        MalformedRow("bare LF ending a trailer", chunked("0\r\nX: 1\n\r\n"), .bareLineFeed, 400),
        // Header fields
        MalformedRow("obs-fold continuation line", get("Host: h\r\nX-A: one\r\n two\r\n"), .obsoleteLineFolding, 400),
        MalformedRow("obs-fold with a tab", get("Host: h\r\nX-A: one\r\n\ttwo\r\n"), .obsoleteLineFolding, 400),
        MalformedRow("whitespace-led first field line", get(" Host: h\r\n"), .obsoleteLineFolding, 400),
        MalformedRow("space before colon in a header name", get("Host : h\r\n"), .malformedHeader, 400),
        MalformedRow("tab before colon in a header name", get("Host: h\r\nX-A\t: v\r\n"), .malformedHeader, 400),
        MalformedRow("empty header name", get("Host: h\r\n: v\r\n"), .malformedHeader, 400),
        MalformedRow("header line without colon", get("Host: h\r\nNoColon\r\n"), .malformedHeader, 400),
        MalformedRow("non-token character in a header name", get("Host: h\r\nX(A): v\r\n"), .malformedHeader, 400),
        MalformedRow("NUL in a header value", H.bytes(get("Host: h\r\nX: a")) + [0x00] + H.bytes("b\r\n\r\n"), .malformedHeader, 400),
        MalformedRow("other CTL (0x01) in a header value", H.bytes(get("Host: h\r\nX: a")) + [0x01] + H.bytes("\r\n\r\n"), .malformedHeader, 400),
        MalformedRow("ESC in a header value", H.bytes(get("Host: h\r\nX: \u{1B}[31m\r\n")), .malformedHeader, 400),
        MalformedRow("DEL in a header value", H.bytes(get("Host: h\r\nX: a")) + [0x7F] + H.bytes("\r\n\r\n"), .malformedHeader, 400),
        // Host
        MalformedRow("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", .missingHost, 400),
        MalformedRow("two Host headers", get("Host: a\r\nhost: a\r\n"), .duplicateHost, 400),
        MalformedRow("two Host headers in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", .duplicateHost, 400),
        // Framing
        MalformedRow("both Content-Length and Transfer-Encoding", post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", body: "0\r\n\r\n"), .contentLengthWithTransferEncoding, 400),
        MalformedRow("Transfer-Encoding before Content-Length", post("Transfer-Encoding: chunked\r\nContent-Length: 0\r\n"), .contentLengthWithTransferEncoding, 400),
        MalformedRow("differing Content-Lengths in one list", post("Content-Length: 5, 6\r\n", body: "abcdef"), .conflictingContentLengths, 400),
        MalformedRow("differing Content-Lengths in two fields", post("Content-Length: 5\r\nContent-Length: 6\r\n", body: "abcdef"), .conflictingContentLengths, 400),
        MalformedRow("non-numeric Content-Length", post("Content-Length: abc\r\n"), .invalidContentLength, 400),
        MalformedRow("negative Content-Length", post("Content-Length: -5\r\n"), .invalidContentLength, 400),
        MalformedRow("Content-Length with a plus sign", post("Content-Length: +5\r\n", body: "abcde"), .invalidContentLength, 400),
        MalformedRow("empty Content-Length", post("Content-Length:\r\n"), .invalidContentLength, 400),
        MalformedRow("hex Content-Length", post("Content-Length: 0x5\r\n"), .invalidContentLength, 400),
        MalformedRow("Content-Length with inner space", post("Content-Length: 1 2\r\n"), .invalidContentLength, 400),
        MalformedRow("Content-Length list with an empty element", post("Content-Length: 5,\r\n", body: "abcde"), .invalidContentLength, 400),
        MalformedRow("Transfer-Encoding gzip", post("Transfer-Encoding: gzip\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding gzip, chunked", post("Transfer-Encoding: gzip, chunked\r\n", body: "0\r\n\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding chunked, chunked", post("Transfer-Encoding: chunked, chunked\r\n", body: "0\r\n\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding chunked in two fields", post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", body: "0\r\n\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding identity", post("Transfer-Encoding: identity\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding empty", post("Transfer-Encoding:\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding chunked with a trailing comma", post("Transfer-Encoding: chunked,\r\n"), .unsupportedTransferCoding, 400),
        MalformedRow("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .transferEncodingInHTTP10, 400),
        // Chunked body
        MalformedRow("chunk size not hex", chunked("zz\r\nhello\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("empty chunk size", chunked("\r\nhello\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("chunk size with more than 15 hex digits", chunked("0000000000000001\r\nx\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("chunk size followed by junk", chunked("5 x\r\nhello\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("chunk size with 0x prefix", chunked("0x5\r\nhello\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("chunk size with leading space", chunked(" 5\r\nhello\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("negative chunk size", chunked("-5\r\nhello\r\n0\r\n\r\n"), .invalidChunkSize, 400),
        MalformedRow("chunk data longer than its size", chunked("3\r\nabcd\r\n0\r\n\r\n"), .malformedChunk, 400),
        MalformedRow("chunk data ended by LF only", chunked("3\r\nabc\n0\r\n\r\n"), .malformedChunk, 400),
        MalformedRow("trailer without colon", chunked("0\r\nBad Trailer\r\n\r\n"), .malformedTrailer, 400),
        MalformedRow("trailer with empty name", chunked("0\r\n: v\r\n\r\n"), .malformedTrailer, 400),
        MalformedRow("trailer with NUL in value", H.bytes(chunked("0\r\nX: a")) + [0x00] + H.bytes("\r\n\r\n"), .malformedTrailer, 400),
        MalformedRow("trailer with obs-fold", chunked("0\r\nX: a\r\n b\r\n\r\n"), .obsoleteLineFolding, 400),
        // Method
        MalformedRow("unknown method FOO", "FOO / HTTP/1.1\r\nHost: h\r\n\r\n", .unknownMethod, 501),
        MalformedRow("lowercase get (methods are case-sensitive)", "get / HTTP/1.1\r\nHost: h\r\n\r\n", .unknownMethod, 501),
        MalformedRow("mixed-case Post", "Post / HTTP/1.1\r\nHost: h\r\n\r\n", .unknownMethod, 501),
        MalformedRow("long unknown method token", "PROPFIND / HTTP/1.1\r\nHost: h\r\n\r\n", .unknownMethod, 501),
        MalformedRow("method with non-token character", "G@T / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        // Version
        MalformedRow("HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion, 505),
        MalformedRow("HTTP/3.0", "GET / HTTP/3.0\r\nHost: h\r\n\r\n", .unsupportedVersion, 505),
        MalformedRow("HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n", .unsupportedVersion, 505),
        MalformedRow("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", .unsupportedVersion, 505),
        MalformedRow("HTTX/1.1", "GET / HTTX/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("lowercase http/1.1", "GET / http/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("HTTP/1.10", "GET / HTTP/1.10\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("HTTP/1 without minor", "GET / HTTP/1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("HTTP/1,1", "GET / HTTP/1,1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        // Request line shape
        MalformedRow("trailing space after the version", "GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("double space between method and target", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("double space between target and version", "GET /  HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("leading space before the method", " GET / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("missing version", "GET /\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("method only", "GET\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("tab as separator", "GET\t/\tHTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("space inside the target", "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine, 400),
        MalformedRow("control byte 0x01 in the target", H.bytes("GET /a") + [0x01] + H.bytes(" HTTP/1.1\r\nHost: h\r\n\r\n"), .malformedRequestLine, 400),
        MalformedRow("DEL in the target", H.bytes("GET /a") + [0x7F] + H.bytes(" HTTP/1.1\r\nHost: h\r\n\r\n"), .malformedRequestLine, 400),
        MalformedRow("non-ASCII byte in the target", H.bytes("GET /caf") + [0xC3, 0xA9] + H.bytes(" HTTP/1.1\r\nHost: h\r\n\r\n"), .malformedRequestLine, 400),
        // Request target form
        MalformedRow("target not starting with /", "GET foo HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget, 400),
        MalformedRow("authority-form CONNECT", "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n", .invalidRequestTarget, 400),
        MalformedRow("asterisk-form with GET", "GET * HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget, 400),
        MalformedRow("absolute-form with an unsupported scheme", "GET ftp://h/a HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget, 400),
        MalformedRow("absolute-form with an empty authority", "GET http:///a HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget, 400),
        MalformedRow("absolute-form with nothing after the scheme", "GET http:// HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget, 400),
        MalformedRow("asterisk followed by a path", "OPTIONS */a HTTP/1.1\r\nHost: h\r\n\r\n", .invalidRequestTarget, 400),
        // An error in a later pipelined request is still found
        MalformedRow("second pipelined request malformed", "GET /ok HTTP/1.1\r\nHost: h\r\n\r\nGET /bad HTTP/1.1\r\nHost: h\r\nHost: h\r\n\r\n", .duplicateHost, 400),
    ]

    @Test(arguments: malformedRows)
    func malformedRequest_fedAllAtOnce_throwsExpectedErrorAndStatus(_ row: MalformedRow) {
        #expect(throws: row.error) { try ParserHarness.run(H.allAtOnce(row.input)) }
        #expect(row.error.status.code == row.status)
    }

    @Test(arguments: malformedRows)
    func malformedRequest_fedOneByteAtATime_throwsSameError(_ row: MalformedRow) {
        #expect(throws: row.error) { try ParserHarness.run(H.byteByByte(row.input)) }
    }

    @Test(arguments: malformedRows)
    func malformedRequest_splitAtEveryBoundary_throwsSameError(_ row: MalformedRow) {
        for (cut, pieces) in H.everySplit(row.input) {
            let actual = ParserHarness.result(pieces)
            #expect(actual == .failure(row.error), "split at byte \(cut)")
            if actual != .failure(row.error) { break }
        }
    }

    // MARK: - Errors

    struct StatusRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var errors: [HTTPParseError]
        var status: Int
        var testDescription: String { comment }
    }

    static let statusRows: [StatusRow] = [
        StatusRow(comment: "request line too long → 414", errors: [.requestLineTooLong], status: 414),
        StatusRow(comment: "header section or field count → 431", errors: [.headerSectionTooLarge, .tooManyHeaderFields], status: 431),
        StatusRow(comment: "body too large → 413", errors: [.contentTooLarge], status: 413),
        StatusRow(comment: "unknown method → 501", errors: [.unknownMethod], status: 501),
        StatusRow(comment: "unsupported version → 505", errors: [.unsupportedVersion], status: 505),
        StatusRow(
            comment: "every syntax and framing error → 400",
            errors: [
                .malformedRequestLine, .invalidRequestTarget, .malformedHeader, .bareLineFeed, .obsoleteLineFolding,
                .missingHost, .duplicateHost, .contentLengthWithTransferEncoding, .invalidContentLength,
                .conflictingContentLengths, .unsupportedTransferCoding, .transferEncodingInHTTP10, .invalidChunkSize,
                .malformedChunk, .malformedTrailer,
            ],
            status: 400
        ),
    ]

    @Test(arguments: statusRows)
    func parseError_status_matchesDesign(_ row: StatusRow) {
        for error in row.errors {
            #expect(error.status.code == row.status, "\(error)")
        }
    }

    @Test
    func parseError_details_areDistinctSentences() {
        let all = Self.statusRows.flatMap(\.errors)
        let details = all.map(\.detail)
        #expect(all.count == 21)
        #expect(Set(details).count == details.count)
        for detail in details {
            #expect(detail.hasSuffix("."), "\(detail)")
        }
    }
}
