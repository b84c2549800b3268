/// Why a document is not JSON, and where: the 0-based byte offset of the offending byte, so an HTTP
/// answer can name it ("invalid JSON at byte 17: expected ',' or '}', found ']'").
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based offset of the offending byte; the document's length when it ended too early.
    public var byteOffset: Int
    /// Which rule was broken.
    public var reason: Reason

    /// An error at `byteOffset`; the parser makes these, tests compare against them.
    public init(byteOffset: Int, reason: Reason) {
        self.byteOffset = byteOffset
        self.reason = reason
    }

    /// What rule the document broke. Each case names one RFC 8259 rule (or one limit) so that tests
    /// and callers can tell them apart without matching message text.
    public enum Reason: Sendable, Hashable {
        /// Zero bytes: there is no value at all.
        case emptyInput
        /// The document ended where more was required.
        case unexpectedEnd(expected: Expectation)
        /// A byte that cannot stand here (reported with what could have).
        case unexpectedByte(UInt8, expected: Expectation)
        /// A `,` directly before `]` or `}` (offset: the comma).
        case trailingComma
        /// A number with a superfluous leading zero, like `01` (offset: the digit after the zero).
        case leadingZero
        /// A backslash followed by a character that is not one of `"\/bfnrtu` (offset: the backslash).
        case invalidEscape
        /// `\u` not followed by four hex digits (offset: the backslash).
        case invalidUnicodeEscape
        /// A `\uD800`–`\uDFFF` escape that is not part of a high+low pair (offset: its backslash).
        case loneSurrogate
        /// A raw control character (U+0000–U+001F) inside a string; they must be escaped.
        case controlCharacter(UInt8)
        /// Bytes that are not well-formed UTF-8: a stray continuation byte, an overlong form, an
        /// encoded surrogate, a value above U+10FFFF or a truncated sequence (offset: its first byte).
        case invalidUTF8
        /// A UTF-8 byte order mark at the start; RFC 8259 §8.1 forbids sending one.
        case byteOrderMark
        /// Containers nested deeper than the parser's limit (offset: the bracket that exceeds it).
        case tooDeep(limit: Int)
        /// A string longer, in encoded bytes, than the parser's limit (offset: its opening quote).
        case stringTooLong(limit: Int)
        /// A number literal longer than the parser's limit (offset: its first byte).
        case numberTooLong(limit: Int)
    }

    /// What the parser was looking for when it met something else.
    public enum Expectation: Sendable, Hashable {
        case value
        case valueOrArrayEnd
        case keyOrObjectEnd
        case key
        case colon
        case commaOrObjectEnd
        case commaOrArrayEnd
        case digit
        case stringEnd
        /// `true`, `false` or `null`, spelled out.
        case literal(String)
        case endOfInput
    }

    /// "invalid JSON at byte 17: expected ',' or '}', found ']'": safe to show to the client that
    /// sent the document (it quotes at most one byte of it).
    public var description: String {
        "invalid JSON at byte \(byteOffset): \(reason)"
    }
}

extension JSONSyntaxError.Reason: CustomStringConvertible {
    /// The rule in a few words, for `JSONSyntaxError.description`.
    public var description: String {
        switch self {
        case .emptyInput: "the document is empty, expected a value"
        case .unexpectedEnd(let expected): "unexpected end of input, \(expected)"
        case .unexpectedByte(let byte, let expected): "\(expected), found \(Self.describe(byte))"
        case .trailingComma: "trailing comma before the end of the array or object"
        case .leadingZero: "leading zeros are not allowed in numbers"
        case .invalidEscape: "invalid escape sequence (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
        case .invalidUnicodeEscape: "\\u must be followed by four hexadecimal digits"
        case .loneSurrogate: "unpaired UTF-16 surrogate in a \\u escape"
        case .controlCharacter(let byte): "unescaped control character \(Self.hex(byte)) in a string"
        case .invalidUTF8: "invalid UTF-8 byte sequence"
        case .byteOrderMark: "a byte order mark is not allowed; send UTF-8 without BOM"
        case .tooDeep(let limit): "arrays and objects nested deeper than \(limit) levels"
        case .stringTooLong(let limit): "string longer than \(limit) bytes"
        case .numberTooLong(let limit): "number longer than \(limit) characters"
        }
    }

    /// A printable ASCII byte in quotes, anything else in hex: the offending byte may be binary.
    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(hex(byte))"
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return "0x" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }
}

extension JSONSyntaxError.Expectation: CustomStringConvertible {
    /// "expected ',' or '}'".
    public var description: String {
        switch self {
        case .value: "expected a value"
        case .valueOrArrayEnd: "expected a value or ']'"
        case .keyOrObjectEnd: "expected a string key or '}'"
        case .key: "expected a string key"
        case .colon: "expected ':'"
        case .commaOrObjectEnd: "expected ',' or '}'"
        case .commaOrArrayEnd: "expected ',' or ']'"
        case .digit: "expected a digit"
        case .stringEnd: "expected '\"' closing the string"
        case .literal(let word): "expected '\(word)'"
        case .endOfInput: "expected the end of the document"
        }
    }
}
