/// The parsing engine behind `JSONParser`: one pass over a contiguous buffer.
///
/// Containers are tracked on explicit stacks instead of by recursion: `frames` holds the open
/// containers, `values` the finished children of all open containers (each frame knows where its own
/// start), `keys` the keys of open objects. Closing a container moves its slice of children into a
/// new array. Depth is therefore limited by `Limits.maxDepth`, never by the thread's stack.
struct JSONScanner {
    private struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
    }

    private struct PendingKey {
        var key: String
        var offset: Int
    }

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let limits: JSONParser.Limits
    private var index = 0
    /// Reused for strings with escapes, the only ones whose bytes differ from the document's.
    private var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, limits: JSONParser.Limits) {
        self.base = base
        self.count = count
        self.limits = limits
    }

    // MARK: Document structure

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            throw JSONSyntaxError(byteOffset: 0, reason: .byteOrderMark)
        }
        // Sized for a typical request body, so the stacks do not regrow while parsing one.
        var frames: [Frame] = []
        frames.reserveCapacity(8)
        var values: [JSONNode] = []
        values.reserveCapacity(32)
        var keys: [PendingKey] = []
        keys.reserveCapacity(16)
        // The comma just consumed inside an array, so `[1,]` can be reported as a trailing comma.
        var arrayComma: Int?

        parsing: while true {
            skipWhitespace()
            guard index < count else {
                throw fail(at: count, .unexpectedEnd(expected: valueExpectation(frames, arrayComma)))
            }
            var value: JSONNode
            let byte = base[index]
            switch byte {
            case ASCII.quote:
                value = .string(try parseString())
            case ASCII.openBrace:
                try checkDepth(frames.count)
                index += 1
                skipWhitespace()
                if index < count && base[index] == ASCII.closeBrace {
                    index += 1
                    value = .object([])
                } else {
                    frames.append(Frame(isObject: true, valueStart: values.count, keyStart: keys.count))
                    keys.append(try parseKey(expected: .keyOrObjectEnd))
                    arrayComma = nil
                    continue parsing
                }
            case ASCII.openBracket:
                try checkDepth(frames.count)
                index += 1
                skipWhitespace()
                if index < count && base[index] == ASCII.closeBracket {
                    index += 1
                    value = .array([])
                } else {
                    frames.append(Frame(isObject: false, valueStart: values.count, keyStart: keys.count))
                    arrayComma = nil
                    continue parsing
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case ASCII.minus, ASCII.zero...ASCII.nine:
                value = .number(try parseNumber())
            default:
                if byte == ASCII.closeBracket, let comma = arrayComma {
                    throw fail(at: comma, .trailingComma)
                }
                throw fail(at: index, .unexpectedByte(byte, expected: valueExpectation(frames, arrayComma)))
            }

            completing: while true {
                guard let frame = frames.last else {
                    skipWhitespace()
                    guard index == count else { throw fail(at: index, .unexpectedByte(base[index], expected: .endOfInput)) }
                    return value
                }
                values.append(value)
                skipWhitespace()
                let separatorExpectation: JSONSyntaxError.Expectation = frame.isObject ? .commaOrObjectEnd : .commaOrArrayEnd
                guard index < count else { throw fail(at: count, .unexpectedEnd(expected: separatorExpectation)) }
                let next = base[index]
                if next == ASCII.comma {
                    let comma = index
                    index += 1
                    if frame.isObject {
                        skipWhitespace()
                        if index < count && base[index] == ASCII.closeBrace { throw fail(at: comma, .trailingComma) }
                        keys.append(try parseKey(expected: .key))
                    } else {
                        arrayComma = comma
                    }
                    continue parsing
                }
                guard next == (frame.isObject ? ASCII.closeBrace : ASCII.closeBracket) else {
                    throw fail(at: index, .unexpectedByte(next, expected: separatorExpectation))
                }
                index += 1
                frames.removeLast()
                value = Self.close(frame, values: &values, keys: &keys)
                arrayComma = nil
            }
        }
    }

    /// Moves the children of the container that just closed out of the shared stacks.
    private static func close(_ frame: Frame, values: inout [JSONNode], keys: inout [PendingKey]) -> JSONNode {
        let childCount = values.count - frame.valueStart
        guard frame.isObject else {
            let elements = Array(values[frame.valueStart...])
            values.removeLast(childCount)
            return .array(elements)
        }
        var members: [JSONMember] = []
        members.reserveCapacity(childCount)
        for position in 0..<childCount {
            let key = keys[frame.keyStart + position]
            members.append(JSONMember(key: key.key, keyOffset: key.offset, value: values[frame.valueStart + position]))
        }
        values.removeLast(childCount)
        keys.removeLast(childCount)
        return .object(members)
    }

    private func valueExpectation(_ frames: [Frame], _ arrayComma: Int?) -> JSONSyntaxError.Expectation {
        if let frame = frames.last, !frame.isObject, arrayComma == nil { return .valueOrArrayEnd }
        return .value
    }

    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth >= limits.maxDepth { throw fail(at: index, .tooDeep(limit: limits.maxDepth)) }
    }

    /// A member's key and its colon; the value follows.
    private mutating func parseKey(expected: JSONSyntaxError.Expectation) throws(JSONSyntaxError) -> PendingKey {
        skipWhitespace()
        guard index < count else { throw fail(at: count, .unexpectedEnd(expected: expected)) }
        guard base[index] == ASCII.quote else { throw fail(at: index, .unexpectedByte(base[index], expected: expected)) }
        let offset = index
        let key = try parseString()
        skipWhitespace()
        guard index < count else { throw fail(at: count, .unexpectedEnd(expected: .colon)) }
        guard base[index] == ASCII.colon else { throw fail(at: index, .unexpectedByte(base[index], expected: .colon)) }
        index += 1
        return PendingKey(key: key, offset: offset)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab: index += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        let letters = word.utf8Start
        for position in 0..<length {
            let offset = index + position
            guard offset < count else { throw fail(at: count, .unexpectedEnd(expected: .literal(word.description))) }
            guard base[offset] == letters[position] else {
                throw fail(at: offset, .unexpectedByte(base[offset], expected: .literal(word.description)))
            }
        }
        index += length
    }

    // MARK: Numbers

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as written.
    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        var position = index
        if base[position] == ASCII.minus { position += 1 }
        try requireDigit(at: position)
        if base[position] == ASCII.zero {
            position += 1
            if position < count && isDigit(base[position]) { throw fail(at: position, .leadingZero) }
        } else {
            position = skipDigits(from: position)
        }
        if position < count && base[position] == ASCII.period {
            position += 1
            try requireDigit(at: position)
            position = skipDigits(from: position)
        }
        if position < count && (base[position] == UInt8(ascii: "e") || base[position] == UInt8(ascii: "E")) {
            position += 1
            if position < count && (base[position] == ASCII.plus || base[position] == ASCII.minus) { position += 1 }
            try requireDigit(at: position)
            position = skipDigits(from: position)
        }
        if let limit = limits.maxNumberLength, position - start > limit {
            throw fail(at: start, .numberTooLong(limit: limit))
        }
        index = position
        return String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
    }

    private func requireDigit(at position: Int) throws(JSONSyntaxError) {
        guard position < count else { throw fail(at: count, .unexpectedEnd(expected: .digit)) }
        guard isDigit(base[position]) else { throw fail(at: position, .unexpectedByte(base[position], expected: .digit)) }
    }

    @inline(__always)
    private func skipDigits(from start: Int) -> Int {
        var position = start
        while position < count && isDigit(base[position]) { position += 1 }
        return position
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- ASCII.zero < 10
    }

    // MARK: Strings

    /// A string starting at the opening quote under `index`. Strings without escapes (nearly all) are
    /// built straight from the document's bytes once they are known to be valid UTF-8.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = index
        let start = quote + 1
        var position = start
        while position < count {
            let byte = base[position]
            if byte == ASCII.quote {
                try checkStringLength(quote: quote, length: position - start)
                index = position + 1
                return String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
            }
            if byte == ASCII.backslash { return try parseEscapedString(quote: quote, firstEscape: position) }
            if byte < 0x20 { throw fail(at: position, .controlCharacter(byte)) }
            if byte < 0x80 {
                position += 1
            } else {
                position += try utf8SequenceLength(at: position)
            }
        }
        throw fail(at: count, .unexpectedEnd(expected: .stringEnd))
    }

    /// The slow path: decodes escapes into `scratch` from the first backslash on.
    private mutating func parseEscapedString(quote: Int, firstEscape: Int) throws(JSONSyntaxError) -> String {
        let start = quote + 1
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: firstEscape - start))
        var position = firstEscape
        while position < count {
            let byte = base[position]
            switch byte {
            case ASCII.quote:
                try checkStringLength(quote: quote, length: position - start)
                index = position + 1
                return String(decoding: scratch, as: UTF8.self)
            case ASCII.backslash:
                guard position + 1 < count else { throw fail(at: count, .unexpectedEnd(expected: .stringEnd)) }
                switch base[position + 1] {
                case ASCII.quote, ASCII.backslash, ASCII.slash: scratch.append(base[position + 1])
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, length) = try unicodeEscape(at: position)
                    appendUTF8(scalar)
                    position += length
                    continue
                default:
                    throw fail(at: position, .invalidEscape)
                }
                position += 2
            case 0..<0x20:
                throw fail(at: position, .controlCharacter(byte))
            case 0x20..<0x80:
                scratch.append(byte)
                position += 1
            default:
                let length = try utf8SequenceLength(at: position)
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + position, count: length))
                position += length
            }
        }
        throw fail(at: count, .unexpectedEnd(expected: .stringEnd))
    }

    private func checkStringLength(quote: Int, length: Int) throws(JSONSyntaxError) {
        if let limit = limits.maxStringLength, length > limit { throw fail(at: quote, .stringTooLong(limit: limit)) }
    }

    /// `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at the backslash `position`: the scalar and how
    /// many bytes it took.
    private func unicodeEscape(at position: Int) throws(JSONSyntaxError) -> (UInt32, Int) {
        let unit = try hexQuad(escapeAt: position)
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed at once by `\u` and a low one.
            let next = position + 6
            guard next < count else { throw fail(at: count, .unexpectedEnd(expected: .stringEnd)) }
            guard base[next] == ASCII.backslash else { throw fail(at: position, .loneSurrogate) }
            guard next + 1 < count else { throw fail(at: count, .unexpectedEnd(expected: .stringEnd)) }
            guard base[next + 1] == UInt8(ascii: "u") else { throw fail(at: position, .loneSurrogate) }
            let low = try hexQuad(escapeAt: next)
            guard (0xDC00...0xDFFF).contains(low) else { throw fail(at: position, .loneSurrogate) }
            return (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 12)
        case 0xDC00...0xDFFF:
            throw fail(at: position, .loneSurrogate)
        default:
            return (unit, 6)
        }
    }

    /// The four hex digits after `\u` at `escape`.
    private func hexQuad(escapeAt escape: Int) throws(JSONSyntaxError) -> UInt32 {
        var unit: UInt32 = 0
        for offset in (escape + 2)..<(escape + 6) {
            guard offset < count else { throw fail(at: count, .unexpectedEnd(expected: .stringEnd)) }
            let byte = base[offset]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(at: escape, .invalidUnicodeEscape)
            }
            unit = unit << 4 | UInt32(digit)
        }
        return unit
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte (≥ 0x80) is at `position`, by
    /// Unicode's Table 3-7: this rejects stray continuation bytes, overlong forms (C0, C1, E0 80–9F,
    /// F0 80–8F), encoded surrogates (ED A0–BF), values above U+10FFFF (F4 90+, F5–FF) and sequences
    /// cut short by the end of the document or by a non-continuation byte.
    private func utf8SequenceLength(at position: Int) throws(JSONSyntaxError) -> Int {
        let lead = base[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw fail(at: position, .invalidUTF8)
        }
        guard position + length <= count, secondRange.contains(base[position + 1]) else {
            throw fail(at: position, .invalidUTF8)
        }
        for offset in (position + 2)..<(position + length) where base[offset] & 0xC0 != 0x80 {
            throw fail(at: position, .invalidUTF8)
        }
        return length
    }

    @inline(__always)
    private func fail(at offset: Int, _ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(byteOffset: offset, reason: reason)
    }
}

/// The bytes the grammar is made of, named.
enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let period = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
}
