/// An incremental HTTP/1.1 request parser (RFC 9112). Bytes may arrive one at a time or many
/// requests at once: `feed` appends, `next` returns the next event or nil when more input is needed.
///
/// It is strict where leniency enables request smuggling (bare LF, obs-fold, conflicting framing
/// headers, unknown codings) and enforces `HTTPParserLimits` before buffering past them, so memory
/// stays bounded whatever the peer sends. After an error the parser must not be used again.
public struct HTTP1RequestParser {
    public let limits: HTTPParserLimits

    private enum State: Equatable {
        case head
        case body(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytes: Int, fields: Int)
        case endPending
    }

    private var state: State = .head
    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    private var start = 0
    /// Progress of the current head or line scan, relative to `start`, so re-feeding never rescans.
    private var scan = HeadScan()
    private var lineScanned = 0
    private var bodyBytes = 0

    private struct HeadScan {
        var scanned = 0
        var lineStart = 0
        var requestLineEnd: Int?
        var fields = 0
    }

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
        buffer.reserveCapacity(4096)
    }

    /// Bytes received but not yet turned into events (e.g. a pipelined request waiting its turn).
    public var bufferedByteCount: Int { buffer.count - start }

    /// True between requests with nothing received: the connection is idle, not mid-request.
    public var isIdle: Bool { state == .head && bufferedByteCount == 0 }

    /// True while a head has been returned and its `end` has not.
    public var isInBody: Bool {
        switch state {
        case .head: false
        default: true
        }
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        compactIfUseful()
        buffer.append(contentsOf: bytes)
    }

    public mutating func next() throws(HTTPParseError) -> HTTP1ParserEvent? {
        switch state {
        case .head:
            return try parseHead()
        case .endPending:
            state = .head
            return .end
        case .body(let remaining):
            guard let piece = takeBody(upTo: remaining) else { return nil }
            state = remaining == piece.count ? .endPending : .body(remaining: remaining - piece.count)
            return .body(piece)
        case .chunkSizeLine:
            return try parseChunkSizeLine()
        case .chunkData(let remaining):
            guard let piece = takeBody(upTo: remaining) else { return nil }
            state = remaining == piece.count ? .chunkDataEnd : .chunkData(remaining: remaining - piece.count)
            return .body(piece)
        case .chunkDataEnd:
            guard bufferedByteCount >= 2 else { return nil }
            guard buffer[start] == .cr, buffer[start + 1] == .lf else { throw .malformedChunk }
            start += 2
            state = .chunkSizeLine
            return try next()
        case .trailers(let bytes, let fields):
            return try parseTrailerLine(bytesSoFar: bytes, fieldsSoFar: fields)
        }
    }

    // MARK: - Buffer

    private mutating func compactIfUseful() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 4096 && start > buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    private mutating func takeBody(upTo remaining: Int) -> [UInt8]? {
        let available = bufferedByteCount
        guard available > 0 else { return nil }
        let n = min(available, remaining)
        let piece = Array(buffer[start..<start + n])
        start += n
        return piece
    }

    // MARK: - Head

    private mutating func parseHead() throws(HTTPParseError) -> HTTP1ParserEvent? {
        // RFC 9112 §2.2: empty lines before the request line are ignored.
        if scan.scanned == 0 {
            while bufferedByteCount >= 1 {
                if buffer[start] == .lf { throw .bareLineFeed }
                guard buffer[start] == .cr else { break }
                guard bufferedByteCount >= 2 else { return nil }
                guard buffer[start + 1] == .lf else { throw .bareLineFeed }
                start += 2
            }
        }
        let end = buffer.count
        var i = start + scan.scanned
        var headEnd: Int?
        while i < end {
            // Limits are checked at every position before the byte is looked at, so the error an
            // input earns never depends on how it was split into reads.
            try checkHeadLimits(at: i)
            let byte = buffer[i]
            if byte == .cr {
                guard i + 1 < end else { break }
                guard buffer[i + 1] == .lf else { throw .bareLineFeed }
                let lineStart = start + scan.lineStart
                if i == lineStart, scan.requestLineEnd != nil {
                    headEnd = i
                    break
                }
                if scan.requestLineEnd == nil {
                    scan.requestLineEnd = i - start
                } else {
                    scan.fields += 1
                    if scan.fields > limits.maxHeaderFields { throw .tooManyHeaderFields }
                }
                scan.lineStart = i + 2 - start
                i += 2
                continue
            }
            if byte == .lf { throw .bareLineFeed }
            i += 1
        }
        scan.scanned = i - start
        if headEnd == nil { try checkHeadLimits(at: i) }
        guard let headEnd, let requestLineEnd = scan.requestLineEnd else { return nil }

        let head = try buildHead(requestLine: start..<start + requestLineEnd, headersStart: start + requestLineEnd + 2, headEnd: headEnd)
        start = headEnd + 2
        scan = HeadScan()
        bodyBytes = 0
        switch head.framing {
        case .none, .contentLength(0): state = .endPending
        case .contentLength(let n): state = .body(remaining: n)
        case .chunked: state = .chunkSizeLine
        }
        return .head(head)
    }

    /// Whether the head, having reached buffer position `i`, is already past a size limit.
    private func checkHeadLimits(at i: Int) throws(HTTPParseError) {
        if let requestLineEnd = scan.requestLineEnd {
            if i - (start + requestLineEnd + 2) > limits.maxHeaderSectionBytes { throw .headerSectionTooLarge }
        } else if i - start > limits.maxRequestLineBytes {
            throw .requestLineTooLong
        }
    }

    private func buildHead(requestLine: Range<Int>, headersStart: Int, headEnd: Int) throws(HTTPParseError) -> HTTPRequestHead {
        let (method, target, version) = try parseRequestLine(requestLine)
        var headers = HTTPHeaders()
        var lineStart = headersStart
        while lineStart < headEnd {
            var lineEnd = lineStart
            while buffer[lineEnd] != .cr { lineEnd += 1 }
            headers.add(contentsOf: try parseField(lineStart..<lineEnd))
            lineStart = lineEnd + 2
        }
        let framing = try Self.framing(of: headers, version: version, limits: limits)
        var hosts = 0
        for field in headers where field.name.utf8.count == 4 && field.name.equalsIgnoringASCIICase("host") { hosts += 1 }
        if hosts > 1 { throw .duplicateHost }
        if hosts == 0 && version == .http1_1 { throw .missingHost }
        return HTTPRequestHead(method: method, target: target, version: version, headers: headers, framing: framing)
    }

    private func parseRequestLine(_ range: Range<Int>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        guard let firstSpace = buffer[range].firstIndex(of: .space),
              let lastSpace = buffer[range].lastIndex(of: .space),
              firstSpace < lastSpace
        else { throw .malformedRequestLine }
        let methodRange = range.lowerBound..<firstSpace
        let targetRange = firstSpace + 1..<lastSpace
        let versionRange = lastSpace + 1..<range.upperBound
        guard !methodRange.isEmpty, buffer[methodRange].allSatisfy(\.isTokenCharacter) else { throw .malformedRequestLine }
        guard !targetRange.isEmpty, buffer[targetRange].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformedRequestLine
        }
        let version = try parseVersion(versionRange)
        let method: HTTPMethod? = buffer.withUnsafeBytes { raw in
            HTTPMethod(token: UnsafeRawBufferPointer(rebasing: raw[methodRange]))
        }
        guard let method else { throw .unknownMethod }
        let target = try Self.originForm(String(decoding: buffer[targetRange], as: UTF8.self), method: method)
        return (method, target, version)
    }

    private func parseVersion(_ range: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let v = buffer[range]
        guard v.count == 8, v.starts(with: Self.httpSlash), v[range.lowerBound + 6] == UInt8(ascii: "."),
              let major = v[range.lowerBound + 5].digitValue, let minor = v[range.lowerBound + 7].digitValue
        else { throw .malformedRequestLine }
        guard major == 1, minor <= 1 else { throw .unsupportedVersion }
        return minor == 0 ? .http1_0 : .http1_1
    }

    private static let httpSlash: [UInt8] = Array("HTTP/".utf8)

    /// Reduces absolute-form to origin-form so routing sees one shape (RFC 9112 §3.2.2).
    static func originForm(_ target: String, method: HTTPMethod) throws(HTTPParseError) -> String {
        if target.hasPrefix("/") { return target }
        if target == "*" {
            guard method == .OPTIONS else { throw .invalidRequestTarget }
            return target
        }
        let lower = target.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            guard let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else {
                guard !rest.isEmpty else { throw .invalidRequestTarget }
                return "/"
            }
            guard authorityEnd != rest.startIndex else { throw .invalidRequestTarget }
            let remainder = rest[authorityEnd...]
            return remainder.hasPrefix("?") ? "/" + remainder : String(remainder)
        }
        throw .invalidRequestTarget
    }

    private func parseField(_ range: Range<Int>) throws(HTTPParseError) -> HTTPHeaders.Field {
        guard let first = buffer[safe: range.lowerBound], range.count > 0 else { throw .malformedHeader }
        if first == .space || first == .tab { throw .obsoleteLineFolding }
        guard let colon = buffer[range].firstIndex(of: UInt8(ascii: ":")), colon > range.lowerBound else {
            throw .malformedHeader
        }
        guard buffer[range.lowerBound..<colon].allSatisfy(\.isTokenCharacter) else { throw .malformedHeader }
        var valueStart = colon + 1
        var valueEnd = range.upperBound
        while valueStart < valueEnd, buffer[valueStart] == .space || buffer[valueStart] == .tab { valueStart += 1 }
        while valueEnd > valueStart, buffer[valueEnd - 1] == .space || buffer[valueEnd - 1] == .tab { valueEnd -= 1 }
        guard buffer[valueStart..<valueEnd].allSatisfy(\.isFieldValueCharacter) else { throw .malformedHeader }
        return HTTPHeaders.Field(
            name: String(decoding: buffer[range.lowerBound..<colon], as: UTF8.self),
            value: String(decoding: buffer[valueStart..<valueEnd], as: UTF8.self)
        )
    }

    /// Decides body framing once, rejecting every combination that two parsers could read differently.
    static func framing(of headers: HTTPHeaders, version: HTTPVersion, limits: HTTPParserLimits) throws(HTTPParseError) -> HTTPRequestHead.BodyFraming {
        var codings: [String] = []
        var lengths: [String] = []
        for field in headers {
            switch field.name.utf8.count {
            case 14 where field.name.equalsIgnoringASCIICase("content-length"): lengths.append(field.value)
            case 17 where field.name.equalsIgnoringASCIICase("transfer-encoding"): codings.append(field.value)
            default: break
            }
        }
        if !codings.isEmpty {
            if !lengths.isEmpty { throw .contentLengthWithTransferEncoding }
            if version == .http1_0 { throw .transferEncodingInHTTP10 }
            let elements = codings.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.trimmingOWS() }
            guard elements.count == 1, elements[0].equalsIgnoringASCIICase("chunked") else { throw .unsupportedTransferCoding }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        var value: Int?
        for element in lengths.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = element.trimmingOWS()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .invalidContentLength }
            let significant = digits.drop { $0 == "0" }
            // Anything longer than 18 digits cannot fit the body limit; compare without overflowing.
            let n = significant.count > 18 ? Int.max : (Int(significant) ?? 0)
            if let value, value != n { throw .conflictingContentLengths }
            value = n
        }
        let length = value ?? 0
        if length > limits.maxBodyBytes { throw .contentTooLarge }
        return .contentLength(length)
    }

    // MARK: - Chunked body

    /// Finds the next CRLF at or after `start`, resuming where the last call stopped; rejects bare CR/LF.
    private mutating func nextLineEnd(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Int? {
        var i = start + lineScanned
        while i < buffer.count {
            let byte = buffer[i]
            if byte == .cr {
                guard i + 1 < buffer.count else { break }
                guard buffer[i + 1] == .lf else { throw .bareLineFeed }
                lineScanned = 0
                return i
            }
            if byte == .lf { throw .bareLineFeed }
            i += 1
            if i - start > limit { throw tooLong }
        }
        lineScanned = i - start
        return nil
    }

    private mutating func parseChunkSizeLine() throws(HTTPParseError) -> HTTP1ParserEvent? {
        guard let lineEnd = try nextLineEnd(limit: limits.maxChunkSizeLineBytes, tooLong: .invalidChunkSize) else { return nil }
        var i = start
        var size = 0
        var digits = 0
        while i < lineEnd, let digit = PercentDecoding.hexValue(buffer[i]) {
            digits += 1
            if digits > 15 { throw .invalidChunkSize }
            size = size << 4 | Int(digit)
            i += 1
        }
        guard digits > 0 else { throw .invalidChunkSize }
        while i < lineEnd, buffer[i] == .space || buffer[i] == .tab { i += 1 }
        if i < lineEnd, buffer[i] != UInt8(ascii: ";") { throw .invalidChunkSize }
        start = lineEnd + 2
        if size == 0 {
            state = .trailers(bytes: 0, fields: 0)
            return try next()
        }
        bodyBytes += size
        if bodyBytes > limits.maxBodyBytes { throw .contentTooLarge }
        state = .chunkData(remaining: size)
        return try next()
    }

    private mutating func parseTrailerLine(bytesSoFar: Int, fieldsSoFar: Int) throws(HTTPParseError) -> HTTP1ParserEvent? {
        // Charged like header fields: each complete line with its CRLF, a line in progress by its bytes so far.
        if bytesSoFar > limits.maxHeaderSectionBytes { throw .headerSectionTooLarge }
        let remainingBudget = limits.maxHeaderSectionBytes - bytesSoFar
        guard let lineEnd = try nextLineEnd(limit: remainingBudget, tooLong: .headerSectionTooLarge) else { return nil }
        if lineEnd == start {
            start += 2
            state = .head
            return .end
        }
        // Trailers are read to keep the stream in sync, validated like fields, and dropped.
        do {
            _ = try parseField(start..<lineEnd)
        } catch .obsoleteLineFolding {
            throw .obsoleteLineFolding
        } catch {
            throw .malformedTrailer
        }
        let fields = fieldsSoFar + 1
        if fields > limits.maxHeaderFields { throw .tooManyHeaderFields }
        state = .trailers(bytes: bytesSoFar + (lineEnd + 2 - start), fields: fields)
        start = lineEnd + 2
        return try next()
    }
}

@available(*, unavailable)
extension HTTP1RequestParser: Sendable {}

extension HTTPHeaders {
    mutating func add(contentsOf field: Field) { add(field.name, field.value) }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// RFC 9110 §5.6.2 tchar.
    var isTokenCharacter: Bool { tokenTable[Int(self)] }

    /// Field-value bytes: HTAB, SP, VCHAR and obs-text; every other control byte is refused.
    var isFieldValueCharacter: Bool { self == .tab || (self >= 0x20 && self != 0x7F) }

    var digitValue: Int? { self >= 0x30 && self <= 0x39 ? Int(self - 0x30) : nil }
}

private let tokenTable: [Bool] = (0..<256).map { byte in
    switch UInt8(byte) {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
    default: "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
