@testable import HTTPServer
import Testing

@Suite("PercentDecoding")
struct PercentDecodingTests {
    struct DecodeRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var input: String
        var plusAsSpace: Bool
        /// nil: the input must be refused.
        var expected: String?
        var testDescription: String { comment }

        init(_ comment: String, _ input: String, plusAsSpace: Bool = false, _ expected: String?) {
            self.comment = comment
            self.input = input
            self.plusAsSpace = plusAsSpace
            self.expected = expected
        }
    }

    static let rows: [DecodeRow] = [
        // Valid
        DecodeRow("plain text unchanged", "abc-._~", "abc-._~"),
        DecodeRow("empty", "", ""),
        DecodeRow("space escape", "a%20b", "a b"),
        DecodeRow("lowercase hex", "%2f%3a", "/:"),
        DecodeRow("uppercase hex", "%2F%3A", "/:"),
        DecodeRow("escape at the start and end", "%41bc%44", "AbcD"),
        DecodeRow("escaped percent not decoded twice", "%2541", "%41"),
        DecodeRow("two-byte UTF-8", "caf%C3%A9", "café"),
        DecodeRow("four-byte UTF-8", "%F0%9F%98%80", "😀"),
        DecodeRow("unescaped UTF-8 passes through", "café", "café"),
        DecodeRow("NUL escape decodes", "a%00b", "a\u{0}b"),
        // + handling
        DecodeRow("plus kept in a path", "a+b", "a+b"),
        DecodeRow("plus kept in a path with escapes", "a+b%20c", "a+b c"),
        DecodeRow("plus as space in a query", "a+b", plusAsSpace: true, "a b"),
        DecodeRow("several plus signs as spaces", "+a++b+", plusAsSpace: true, " a  b "),
        DecodeRow("escaped plus stays plus in a query", "a%2Bb", plusAsSpace: true, "a+b"),
        // Malformed
        DecodeRow("lone percent", "%", nil),
        DecodeRow("percent at the end", "abc%", nil),
        DecodeRow("non-hex digits", "%G1", nil),
        DecodeRow("non-hex second digit", "%1G", nil),
        DecodeRow("truncated escape", "%4", nil),
        DecodeRow("truncated escape after text", "ab%4", nil),
        DecodeRow("percent followed by space", "% 41", nil),
        DecodeRow("malformed escape with plusAsSpace", "a+%zz", plusAsSpace: true, nil),
        // Invalid UTF-8
        DecodeRow("lone continuation byte", "%80", nil),
        DecodeRow("0xFF byte", "%FF", nil),
        DecodeRow("truncated two-byte sequence", "%C3", nil),
        DecodeRow("truncated sequence before text", "%C3x", nil),
        DecodeRow("overlong encoding of slash", "%C0%AF", nil),
        DecodeRow("UTF-16 surrogate", "%ED%A0%80", nil),
    ]

    @Test(arguments: rows)
    func decode_input_givesTextOrNil(_ row: DecodeRow) {
        #expect(PercentDecoding.decode(row.input, plusAsSpace: row.plusAsSpace) == row.expected)
    }

    @Test(arguments: rows)
    func decode_substringInput_matchesString(_ row: DecodeRow) {
        let padded = "[" + row.input + "]"
        let inner = padded.dropFirst().dropLast()
        #expect(PercentDecoding.decode(inner, plusAsSpace: row.plusAsSpace) == row.expected)
    }

    struct HexRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var byte: UInt8
        var value: UInt8?
        var testDescription: String { comment }
    }

    static let hexRows: [HexRow] = [
        HexRow(comment: "0", byte: UInt8(ascii: "0"), value: 0),
        HexRow(comment: "9", byte: UInt8(ascii: "9"), value: 9),
        HexRow(comment: "a", byte: UInt8(ascii: "a"), value: 10),
        HexRow(comment: "f", byte: UInt8(ascii: "f"), value: 15),
        HexRow(comment: "A", byte: UInt8(ascii: "A"), value: 10),
        HexRow(comment: "F", byte: UInt8(ascii: "F"), value: 15),
        HexRow(comment: "g", byte: UInt8(ascii: "g"), value: nil),
        HexRow(comment: "G", byte: UInt8(ascii: "G"), value: nil),
        HexRow(comment: "/ (before 0)", byte: UInt8(ascii: "/"), value: nil),
        HexRow(comment: ": (after 9)", byte: UInt8(ascii: ":"), value: nil),
        HexRow(comment: "@ (before A)", byte: UInt8(ascii: "@"), value: nil),
        HexRow(comment: "` (before a)", byte: UInt8(ascii: "`"), value: nil),
        HexRow(comment: "0xFF", byte: 0xFF, value: nil),
    ]

    @Test(arguments: hexRows)
    func hexValue_byte_givesDigitValueOrNil(_ row: HexRow) {
        #expect(PercentDecoding.hexValue(row.byte) == row.value)
    }

    struct QueryRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var target: String
        var items: [String]
        var testDescription: String { comment }
    }

    static let queryRows: [QueryRow] = [
        QueryRow(comment: "no query", target: "/a", items: []),
        QueryRow(comment: "empty query", target: "/a?", items: []),
        QueryRow(comment: "plus and escapes decoded", target: "/a?q=a+b%2Bc&x=%C3%A9", items: ["q=a b+c", "x=é"]),
        QueryRow(comment: "name without value", target: "/a?flag&x=1", items: ["flag=", "x=1"]),
        QueryRow(comment: "empty pairs skipped", target: "/a?&&x=1&", items: ["x=1"]),
        QueryRow(comment: "value containing =", target: "/a?x=a=b", items: ["x=a=b"]),
        QueryRow(comment: "malformed escape keeps raw text", target: "/a?x=%ZZ&%G1=y", items: ["x=%ZZ", "%G1=y"]),
    ]

    @Test(arguments: queryRows)
    func queryItems_target_areDecodedInOrder(_ row: QueryRow) {
        let request = HTTPRequest(method: .GET, target: row.target)
        #expect(request.queryItems.map { "\($0.name)=\($0.value)" } == row.items)
    }
}
