@testable import HTTPServer
import Testing

private typealias H = ParserHarness

@Suite("HTTP1RequestParser limits")
struct HTTP1ParserLimitTests {
    // MARK: - Building inputs of exact sizes

    /// `GET /aaa… HTTP/1.1` whose length (without CRLF) is exactly `length`.
    static func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".utf8.count
        precondition(length >= fixed)
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    /// Field lines (each with its CRLF) totalling exactly `bytes`, starting with `Host: h`.
    static func headerSection(bytes: Int) -> String {
        let host = "Host: h\r\n"
        let padFixed = "X-Pad: \r\n".utf8.count
        precondition(bytes >= host.utf8.count + padFixed)
        return host + "X-Pad: " + String(repeating: "p", count: bytes - host.utf8.count - padFixed) + "\r\n"
    }

    /// `Host: h` plus `count - 1` small fields.
    static func fields(_ count: Int) -> String {
        "Host: h\r\n" + (1..<count).map { "X-\($0): v\r\n" }.joined()
    }

    static func limits(requestLine: Int = 8 * 1024, headerSection: Int = 16 * 1024, fields: Int = 100, body: Int = 1024 * 1024) -> HTTPParserLimits {
        HTTPParserLimits(maxRequestLineBytes: requestLine, maxHeaderSectionBytes: headerSection, maxHeaderFields: fields, maxBodyBytes: body)
    }

    static let small = limits(requestLine: 32, headerSection: 64, fields: 3, body: 16)

    // MARK: - Configuration

    @Test
    func defaultLimits_matchDesign() {
        let limits = HTTPParserLimits()
        #expect(limits.maxRequestLineBytes == 8192)
        #expect(limits.maxHeaderSectionBytes == 16384)
        #expect(limits.maxHeaderFields == 100)
        #expect(limits.maxBodyBytes == 1_048_576)
        #expect(limits.maxChunkSizeLineBytes == 1024)
        #expect(HTTPParserLimits(maxRequestLineBytes: 8192) == limits)
        #expect(HTTP1RequestParser().limits == limits)
    }

    @Test
    func customLimits_areKeptByTheParser() {
        let parser = HTTP1RequestParser(limits: Self.small)
        #expect(parser.limits.maxRequestLineBytes == 32)
        #expect(parser.limits.maxHeaderSectionBytes == 64)
        #expect(parser.limits.maxHeaderFields == 3)
        #expect(parser.limits.maxBodyBytes == 16)
    }

    // MARK: - Complete inputs at and over each limit

    struct LimitRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var limits: HTTPParserLimits
        var input: [UInt8]
        /// Number of complete requests, or the error.
        var expected: Result<Int, HTTPParseError>
        var testDescription: String { comment }

        init(_ comment: String, _ limits: HTTPParserLimits, _ input: String, _ expected: Result<Int, HTTPParseError>) {
            self.comment = comment
            self.limits = limits
            self.input = Array(input.utf8)
            self.expected = expected
        }
    }

    static let limitRows: [LimitRow] = [
        // Request line (default 8 KiB)
        LimitRow("request line exactly 8 KiB", HTTPParserLimits(), requestLine(length: 8192) + "\r\nHost: h\r\n\r\n", .success(1)),
        LimitRow("request line 8 KiB + 1", HTTPParserLimits(), requestLine(length: 8193) + "\r\nHost: h\r\n\r\n", .failure(.requestLineTooLong)),
        LimitRow("request line at a custom 32-byte limit", small, requestLine(length: 32) + "\r\nHost: h\r\n\r\n", .success(1)),
        LimitRow("request line over a custom 32-byte limit", small, requestLine(length: 33) + "\r\nHost: h\r\n\r\n", .failure(.requestLineTooLong)),
        LimitRow(
            "leading empty lines do not count toward the request line", small,
            String(repeating: "\r\n", count: 40) + requestLine(length: 32) + "\r\nHost: h\r\n\r\n", .success(1)
        ),
        LimitRow(
            "limit applies per request, not per buffer", small,
            String(repeating: requestLine(length: 32) + "\r\nHost: h\r\n\r\n", count: 3), .success(3)
        ),
        // Header section (default 16 KiB)
        LimitRow("header section exactly 16 KiB", HTTPParserLimits(), "GET / HTTP/1.1\r\n" + headerSection(bytes: 16384) + "\r\n", .success(1)),
        LimitRow("header section 16 KiB + 1", HTTPParserLimits(), "GET / HTTP/1.1\r\n" + headerSection(bytes: 16385) + "\r\n", .failure(.headerSectionTooLarge)),
        LimitRow("header section at a custom 64-byte limit", small, "GET / HTTP/1.1\r\n" + headerSection(bytes: 64) + "\r\n", .success(1)),
        LimitRow("header section over a custom 64-byte limit", small, "GET / HTTP/1.1\r\n" + headerSection(bytes: 65) + "\r\n", .failure(.headerSectionTooLarge)),
        LimitRow(
            "request line bytes do not count toward the header section", limits(requestLine: 64, headerSection: 64),
            requestLine(length: 64) + "\r\n" + headerSection(bytes: 64) + "\r\n", .success(1)
        ),
        // Field count (default 100)
        LimitRow("100 header fields", HTTPParserLimits(), "GET / HTTP/1.1\r\n" + fields(100) + "\r\n", .success(1)),
        LimitRow("101 header fields", HTTPParserLimits(), "GET / HTTP/1.1\r\n" + fields(101) + "\r\n", .failure(.tooManyHeaderFields)),
        LimitRow("3 fields at a custom limit of 3", small, "GET / HTTP/1.1\r\n" + fields(3) + "\r\n", .success(1)),
        LimitRow("4 fields over a custom limit of 3", small, "GET / HTTP/1.1\r\n" + fields(4) + "\r\n", .failure(.tooManyHeaderFields)),
        // Body by Content-Length
        LimitRow("Content-Length exactly 1 MiB, head only", HTTPParserLimits(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1048576\r\n\r\n", .success(0)),
        LimitRow("Content-Length 1 MiB + 1", HTTPParserLimits(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1048577\r\n\r\n", .failure(.contentTooLarge)),
        LimitRow("Content-Length beyond Int", HTTPParserLimits(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", .failure(.contentTooLarge)),
        LimitRow("Content-Length at a custom 16-byte limit", small, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 16\r\n\r\n" + String(repeating: "b", count: 16), .success(1)),
        LimitRow("Content-Length over a custom 16-byte limit", small, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n" + String(repeating: "b", count: 17), .failure(.contentTooLarge)),
        // Body by chunks
        LimitRow(
            "chunks totalling exactly the limit", small,
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n6\r\nabcdef\r\n0\r\n\r\n", .success(1)
        ),
        LimitRow(
            "chunks totalling one byte over the limit", small,
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n7\r\nabcdefg\r\n0\r\n\r\n", .failure(.contentTooLarge)
        ),
        LimitRow(
            "single chunk with 15 hex digits", HTTPParserLimits(),
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n", .failure(.contentTooLarge)
        ),
        LimitRow(
            "body limit is per request on a kept-alive connection", small,
            String(repeating: "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n", count: 3), .success(3)
        ),
        // Trailers
        LimitRow(
            "trailer line far over the header limit", small,
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: " + String(repeating: "t", count: 100) + "\r\n\r\n",
            .failure(.headerSectionTooLarge)
        ),
        LimitRow(
            "trailers adding up over the header limit", small,
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 123456789012345678901234\r\nB: 123456789012345678901234\r\nC: 123456789012345678901234\r\n\r\n",
            .failure(.headerSectionTooLarge)
        ),
        LimitRow(
            "more trailer fields than the field limit", small,
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", .failure(.tooManyHeaderFields)
        ),
        LimitRow(
            "trailer fields at the field limit", small,
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", .success(1)
        ),
        // Chunk size line
        LimitRow(
            "chunk extensions at the 1 KiB chunk-size-line limit", HTTPParserLimits(),
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 1022) + "\r\nx\r\n0\r\n\r\n", .success(1)
        ),
        LimitRow(
            "chunk extensions over the 1 KiB chunk-size-line limit", HTTPParserLimits(),
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 1023) + "\r\nx\r\n0\r\n\r\n", .failure(.invalidChunkSize)
        ),
    ]

    private static func requestCount(_ result: Result<ParserHarness.Outcome, HTTPParseError>) -> Result<Int, HTTPParseError> {
        result.map(\.requests.count)
    }

    @Test(arguments: limitRows)
    func limit_fedAllAtOnce_acceptsAtLimitAndRefusesOver(_ row: LimitRow) {
        #expect(Self.requestCount(ParserHarness.result(H.allAtOnce(row.input), limits: row.limits)) == row.expected)
    }

    @Test(arguments: limitRows)
    func limit_fedOneByteAtATime_givesSameOutcome(_ row: LimitRow) {
        #expect(Self.requestCount(ParserHarness.result(H.byteByByte(row.input), limits: row.limits)) == row.expected)
    }

    @Test
    func limitErrors_status_are414And431And413() {
        #expect(HTTPParseError.requestLineTooLong.status == .uriTooLong)
        #expect(HTTPParseError.requestLineTooLong.status.code == 414)
        #expect(HTTPParseError.headerSectionTooLarge.status.code == 431)
        #expect(HTTPParseError.tooManyHeaderFields.status.code == 431)
        #expect(HTTPParseError.contentTooLarge.status.code == 413)
    }

    // MARK: - Trailer section counted like the header section

    struct TrailerBoundaryRow: Sendable, CustomTestStringConvertible {
        var comment: String
        /// Size of the trailer section counted as the head's is: every field line with its CRLF.
        var sectionBytes: Int
        var expected: Result<Int, HTTPParseError>
        var testDescription: String { comment }
    }

    /// One trailer field line, with its CRLF, of exactly `bytes` bytes.
    static func trailerSection(bytes: Int) -> String {
        "X-T: " + String(repeating: "t", count: bytes - "X-T: \r\n".utf8.count) + "\r\n"
    }

    static let trailerBoundaryRows: [TrailerBoundaryRow] = [
        TrailerBoundaryRow(comment: "trailer section exactly at the 64-byte limit", sectionBytes: 64, expected: .success(1)),
        TrailerBoundaryRow(comment: "trailer section 3 bytes over the 64-byte limit", sectionBytes: 67, expected: .failure(.headerSectionTooLarge)),
    ]

    static let trailerOverByOneOrTwoRows: [TrailerBoundaryRow] = [
        TrailerBoundaryRow(comment: "trailer section 1 byte over the 64-byte limit", sectionBytes: 65, expected: .failure(.headerSectionTooLarge)),
        TrailerBoundaryRow(comment: "trailer section 2 bytes over the 64-byte limit", sectionBytes: 66, expected: .failure(.headerSectionTooLarge)),
    ]

    static func trailerOutcome(_ row: TrailerBoundaryRow) -> Result<Int, HTTPParseError> {
        let input = chunkedHead + "0\r\n" + trailerSection(bytes: row.sectionBytes) + "\r\n"
        return requestCount(ParserHarness.result([Array(input.utf8)], limits: small))
    }

    @Test(arguments: trailerBoundaryRows)
    func trailerSection_atOrWellOverHeaderLimit_isAcceptedOrRefused(_ row: TrailerBoundaryRow) {
        #expect(Self.trailerOutcome(row) == row.expected)
    }

    @Test(arguments: trailerOverByOneOrTwoRows)
    func trailerSection_oneOrTwoBytesOverHeaderLimit_isRefusedLikeAHeaderSection(_ row: TrailerBoundaryRow) {
        // The same bytes as header fields are refused (see "header section over a custom 64-byte limit").
        #expect(Self.trailerOutcome(row) == row.expected)
    }

    // MARK: - Refusing before the end arrives

    struct EarlyRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var limits: HTTPParserLimits
        /// A stream that never completes what it started (no CRLF, no end of head, no body).
        var input: [UInt8]
        var error: HTTPParseError
        /// Exactly how many bytes the parser may see before refusing.
        var refusedAt: Int
        var testDescription: String { comment }

        init(_ comment: String, _ limits: HTTPParserLimits, _ input: String, _ error: HTTPParseError, refusedAt: Int) {
            self.comment = comment
            self.limits = limits
            self.input = Array(input.utf8)
            self.error = error
            self.refusedAt = refusedAt
        }
    }

    static let chunkedHead = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    static let firstRequest = "GET / HTTP/1.1\r\nHost: h\r\n\r\n"

    static let earlyRows: [EarlyRow] = [
        EarlyRow(
            "never-ending request line, default limit", HTTPParserLimits(),
            "GET /" + String(repeating: "a", count: 20_000), .requestLineTooLong, refusedAt: 8193
        ),
        EarlyRow(
            "never-ending request line, custom limit", small,
            "GET /" + String(repeating: "a", count: 1000), .requestLineTooLong, refusedAt: 33
        ),
        EarlyRow(
            "never-ending request line of garbage without spaces", small,
            String(repeating: "Z", count: 1000), .requestLineTooLong, refusedAt: 33
        ),
        EarlyRow(
            "never-ending request line after a complete pipelined request", small,
            firstRequest + "GET /" + String(repeating: "a", count: 1000), .requestLineTooLong, refusedAt: firstRequest.utf8.count + 33
        ),
        EarlyRow(
            "never-ending header field, default limit", HTTPParserLimits(),
            "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000), .headerSectionTooLarge, refusedAt: 16 + 16385
        ),
        EarlyRow(
            "never-ending header field, custom limit", small,
            "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 1000), .headerSectionTooLarge, refusedAt: 16 + 65
        ),
        EarlyRow(
            "many short header lines without the empty line", small,
            "GET / HTTP/1.1\r\n" + String(repeating: "A:\r\n", count: 10), .tooManyHeaderFields,
            refusedAt: 16 + 4 * 4
        ),
        EarlyRow(
            "101st field refused without the end of head", HTTPParserLimits(),
            "GET / HTTP/1.1\r\n" + fields(101) + String(repeating: "X-More: v\r\n", count: 10), .tooManyHeaderFields,
            refusedAt: ("GET / HTTP/1.1\r\n" + fields(101)).utf8.count
        ),
        EarlyRow(
            "Content-Length over the limit refused at the head, before any body byte", small,
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n" + String(repeating: "b", count: 17), .contentTooLarge,
            refusedAt: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n".utf8.count
        ),
        EarlyRow(
            "chunk over the limit refused at its size line, before its data", small,
            chunkedHead + "11\r\n" + String(repeating: "b", count: 17), .contentTooLarge, refusedAt: chunkedHead.utf8.count + 4
        ),
        EarlyRow(
            "never-ending chunk size line", HTTPParserLimits(),
            chunkedHead + "1;" + String(repeating: "e", count: 5000), .invalidChunkSize, refusedAt: chunkedHead.utf8.count + 1025
        ),
        EarlyRow(
            "never-ending trailer line", small,
            chunkedHead + "0\r\nX: " + String(repeating: "t", count: 1000), .headerSectionTooLarge, refusedAt: chunkedHead.utf8.count + 3 + 65
        ),
    ]

    @Test(arguments: earlyRows)
    func unfinishedInput_overLimit_isRefusedAsSoonAsTheLimitIsPassed(_ row: EarlyRow) {
        let refusal = ParserHarness.bytesFedBeforeError(row.input, pieceSize: 1, limits: row.limits)
        #expect(refusal?.error == row.error)
        #expect(refusal?.fed == row.refusedAt)
    }

    @Test(arguments: earlyRows)
    func unfinishedInput_justBeforeRefusal_isStillAccepted(_ row: EarlyRow) throws {
        let outcome = try ParserHarness.run([Array(row.input.prefix(row.refusedAt - 1))], limits: row.limits)
        #expect(outcome.orderViolations.isEmpty)
    }

    // MARK: - Memory bound

    static let garbage = [UInt8](repeating: UInt8(ascii: "A"), count: 1024 * 1024)

    struct GarbageRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var prefix: String
        var pieceSize: Int
        var error: HTTPParseError
        var maxFed: Int
        var testDescription: String { comment }
    }

    static let garbageRows: [GarbageRow] = [
        GarbageRow(comment: "1 MiB without CRLF, byte by byte", prefix: "", pieceSize: 1, error: .requestLineTooLong, maxFed: 8193),
        GarbageRow(comment: "1 MiB without CRLF, in 64 KiB reads", prefix: "", pieceSize: 65536, error: .requestLineTooLong, maxFed: 65536),
        GarbageRow(comment: "1 MiB without CRLF, in 4 KiB reads", prefix: "", pieceSize: 4096, error: .requestLineTooLong, maxFed: 12288),
        GarbageRow(
            comment: "1 MiB header value without CRLF, byte by byte", prefix: "GET / HTTP/1.1\r\nX: ", pieceSize: 1,
            error: .headerSectionTooLarge, maxFed: 16 + 16385
        ),
        GarbageRow(
            comment: "1 MiB header value without CRLF, in 64 KiB reads", prefix: "GET / HTTP/1.1\r\nX: ", pieceSize: 65536,
            error: .headerSectionTooLarge, maxFed: 65536
        ),
    ]

    @Test(arguments: garbageRows)
    func garbageWithoutLineEnd_oneMebibyte_throwsBeforeBufferingItAll(_ row: GarbageRow) {
        let input = Array(row.prefix.utf8) + Self.garbage
        let refusal = ParserHarness.bytesFedBeforeError(input, pieceSize: row.pieceSize)
        #expect(refusal?.error == row.error)
        #expect((refusal?.fed ?? Int.max) <= row.maxFed)
    }

    @Test
    func bufferedBytes_whileStreamingALongBody_stayBoundedByWhatWasNotYetTaken() throws {
        var parser = HTTP1RequestParser()
        parser.feed(Array("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1048576\r\n\r\n".utf8))
        guard case .head = try parser.next() else {
            Issue.record("expected the head")
            return
        }
        var received = 0
        let piece = [UInt8](repeating: 0x62, count: 8192)
        for _ in 0..<128 {
            parser.feed(piece)
            while let event = try parser.next() {
                if case .body(let bytes) = event { received += bytes.count }
            }
            #expect(parser.bufferedByteCount == 0)
        }
        #expect(received == 1_048_576)
        #expect(parser.isIdle)
    }
}
