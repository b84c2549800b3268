/// Builds one JSON log line directly as UTF-8 bytes.
///
/// Hand-written instead of `JSONEncoder` because it runs for every request: there is no reflection,
/// no intermediate dictionary, one growing byte buffer, and one `String` at the end.
struct JSONLineEncoder {
    private var bytes: [UInt8]

    /// Starts a line with the fields every line has, in their fixed order: `ts`, `level`, `msg`.
    init(millisecondsSinceEpoch: Int64, level: LogLevel, message: String) {
        bytes = []
        bytes.reserveCapacity(256 + message.utf8.count)
        bytes.append(contentsOf: #"{"ts":""#.utf8)
        RFC3339.append(millisecondsSinceEpoch: millisecondsSinceEpoch, withMilliseconds: true, to: &bytes)
        bytes.append(contentsOf: #"","level":""#.utf8)
        bytes.append(contentsOf: level.name.utf8)
        bytes.append(contentsOf: #"","msg":"#.utf8)
        Self.appendString(message, to: &bytes)
    }

    /// Appends `,"key":value`.
    mutating func appendField(_ key: String, _ value: LogValue) {
        Self.appendField(key, value, to: &bytes)
    }

    /// Appends fields that were encoded earlier with `appendField(_:_:to:)`.
    mutating func appendEncoded(_ fragment: [UInt8]) {
        bytes.append(contentsOf: fragment)
    }

    /// Closes the object. The encoder is consumed: no trailing newline, framing is the sink's job.
    consuming func finish() -> String {
        String(decoding: finishBytes(), as: UTF8.self)
    }

    /// Closes the object and hands over its bytes.
    consuming func finishBytes() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Appends `,"key":` for a key known at compile time, which needs no escaping check.
    mutating func appendKey(_ key: StaticString) {
        bytes.append(UInt8(ascii: ","))
        bytes.append(Self.quote)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(Self.quote)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func appendStringValue(_ value: String) {
        Self.appendString(value, to: &bytes)
    }

    mutating func appendIntegerValue(_ value: Int) {
        Self.appendInteger(value, to: &bytes)
    }

    /// A non-negative quantity with exactly `fractionDigits` decimals (e.g. `0.243`), from an integer
    /// count of the smallest unit: cheaper and steadier than printing a `Double`.
    mutating func appendFixedPoint(_ units: Int, fractionDigits: Int) {
        var divisor = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        let whole = max(0, units) / divisor
        var fraction = max(0, units) % divisor
        Self.appendInteger(whole, to: &bytes)
        guard fractionDigits > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: fractionDigits)
        for index in stride(from: fractionDigits - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") &+ UInt8(fraction % 10)
            fraction /= 10
        }
        bytes.append(contentsOf: digits)
    }

    static func appendField(_ key: String, _ value: LogValue, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: ","))
        appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendValue(value, to: &bytes)
    }

    static func appendValue(_ value: LogValue, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text):
            appendString(text, to: &bytes)
        case .int(let number):
            appendInteger(number, to: &bytes)
        case .double(let number):
            // JSON has no NaN or infinity literals; the textual names keep the line parseable.
            if number.isFinite {
                bytes.append(contentsOf: number.description.utf8)
            } else {
                appendString(LogValue.render(number), to: &bytes)
            }
        case .bool(let flag):
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        }
    }

    /// Appends `text` as a quoted JSON string.
    ///
    /// Only `"`, `\` and C0 control characters need escaping. Everything else, including multi-byte
    /// UTF-8 (Swift strings are always valid UTF-8), is copied verbatim in runs, so the common
    /// no-escape case is a single bulk copy.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(quote)
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == quote || byte == backslash else { continue }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                appendEscape(for: byte, to: &bytes)
                runStart = index + 1
            }
            if runStart < utf8.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
        }
        bytes.append(quote)
    }

    /// Short escapes for the characters people actually put in messages (quotes, backslashes,
    /// newlines, tabs), `\u00XX` for every other control character.
    private static func appendEscape(for byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(backslash)
        switch byte {
        case quote: bytes.append(quote)
        case backslash: bytes.append(backslash)
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// Decimal digits without going through `String(_:)`, which would allocate per field.
    static func appendInteger(_ number: Int, to bytes: inout [UInt8]) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var remaining = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            } while remaining > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
