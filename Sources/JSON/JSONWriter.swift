/// Writes compact JSON into a byte array: the exact body the gateway forwards, so what is sent is
/// known byte for byte (and testable) instead of whatever an encoder chooses.
///
/// Strings are escaped per RFC 8259 the way Python's `json.dumps` (and so the SDK) does: `\"`,
/// `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, and `\u00XX` for the other control characters; everything
/// else, non-ASCII included, is written as UTF-8. Numbers are written exactly as their literal.
///
/// Values can be written whole (`write(_:)`) or piece by piece; the writer inserts the commas:
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.writeKey("ExperimentName"); writer.writeString("nightly")
/// writer.writeKey("tags"); writer.write(.object([]))
/// writer.endObject()   // {"ExperimentName":"nightly","tags":{}}
/// ```
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next key or element needs a comma before it.
    private var needsComma = false
    /// Whether a key was just written, so the next value follows its colon directly.
    private var afterKey = false

    /// An empty writer with room for `capacity` bytes (a trigger body is about 400), so appending
    /// rarely reallocates.
    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes a whole value; objects keep their member order unless `sortingKeys` (by key bytes, for
    /// canonical forms that must not depend on the order a client chose).
    public mutating func write(_ node: JSONNode, sortingKeys: Bool = false) {
        switch node {
        case .object(let members):
            beginObject()
            if sortingKeys {
                for member in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    writeKey(member.key)
                    write(member.value, sortingKeys: true)
                }
            } else {
                for member in members {
                    writeKey(member.key)
                    write(member.value)
                }
            }
            endObject()
        case .array(let elements):
            beginArray()
            for element in elements { write(element, sortingKeys: sortingKeys) }
            endArray()
        case .string(let text): writeString(text)
        case .number(let literal): writeNumber(literal: literal)
        case .bool(let flag): writeBool(flag)
        case .null: writeNull()
        }
    }

    /// Starts an object; write keys and values, then `endObject()`.
    public mutating func beginObject() {
        startValue()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Starts an array; write elements, then `endArray()`.
    public mutating func beginArray() {
        startValue()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's key and colon; the next write is its value.
    public mutating func writeKey(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A string value, escaped.
    public mutating func writeString(_ text: String) {
        startValue()
        appendQuoted(text)
        needsComma = true
    }

    /// Writes a number literal as given. The caller vouches that it follows RFC 8259's grammar
    /// (parsed `.number` literals do).
    public mutating func writeNumber(literal: String) {
        startValue()
        bytes.append(contentsOf: literal.utf8)
        needsComma = true
    }

    /// `true` or `false`.
    public mutating func writeBool(_ flag: Bool) {
        startValue()
        bytes.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
        needsComma = true
    }

    /// `null`.
    public mutating func writeNull() {
        startValue()
        bytes.append(contentsOf: Self.nullBytes)
        needsComma = true
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if needsComma {
            bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            appendEscaped(Array(text.utf8))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs that need no escaping in one append each (most strings are one run).
    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var position = 0
        while position < source.count {
            let byte = source[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<position]))
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex = Self.hexDigits
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
            position += 1
            runStart = position
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
    }

    private mutating func appendEscaped(_ source: [UInt8]) {
        source.withUnsafeBufferPointer { appendEscaped($0) }
    }
}
