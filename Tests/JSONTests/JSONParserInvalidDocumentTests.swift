import Testing
@testable import JSON

/// Each way a document can break RFC 8259, with the byte the parser must name and the reason.
@Suite struct JSONParserInvalidDocumentTests {
    typealias Reason = JSONSyntaxError.Reason

    struct Row: CustomTestStringConvertible, Sendable {
        var comment: String
        var bytes: [UInt8]
        var offset: Int
        var reason: Reason
        var testDescription: String { comment }

        init(_ comment: String, _ text: String, _ offset: Int, _ reason: Reason) {
            self.init(comment, bytes: Array(text.utf8), offset, reason)
        }

        init(_ comment: String, bytes: [UInt8], _ offset: Int, _ reason: Reason) {
            self.comment = comment
            self.bytes = bytes
            self.offset = offset
            self.reason = reason
        }
    }

    static let structure: [Row] = [
        Row("empty document", "", 0, .emptyInput),
        Row("whitespace only", "  \n", 3, .unexpectedEnd(expected: .value)),
        Row("two values", "{} {}", 3, .unexpectedByte(UInt8(ascii: "{"), expected: .endOfInput)),
        Row("trailing garbage after a number", "12x", 2, .unexpectedByte(UInt8(ascii: "x"), expected: .endOfInput)),
        Row("trailing comma in an array", "[1,2,]", 4, .trailingComma),
        Row("trailing comma in an array, whitespace before ]", "[1, ]", 2, .trailingComma),
        Row("trailing comma in an object", #"{"a":1,}"#, 6, .trailingComma),
        Row("leading comma in an array", "[,1]", 1, .unexpectedByte(UInt8(ascii: ","), expected: .valueOrArrayEnd)),
        Row("double comma in an array", "[1,,2]", 3, .unexpectedByte(UInt8(ascii: ","), expected: .value)),
        Row("missing comma in an object", #"{"a":1 "b":2}"#, 7, .unexpectedByte(UInt8(ascii: "\""), expected: .commaOrObjectEnd)),
        Row("missing comma in an array", "[1 2]", 3, .unexpectedByte(UInt8(ascii: "2"), expected: .commaOrArrayEnd)),
        Row("mismatched closer for an array", "[1}", 2, .unexpectedByte(UInt8(ascii: "}"), expected: .commaOrArrayEnd)),
        Row("mismatched closer for an object", #"{"a":1]"#, 6, .unexpectedByte(UInt8(ascii: "]"), expected: .commaOrObjectEnd)),
        Row("unclosed array", "[1", 2, .unexpectedEnd(expected: .commaOrArrayEnd)),
        Row("unclosed object", #"{"a":1"#, 6, .unexpectedEnd(expected: .commaOrObjectEnd)),
        Row("object cut after the colon", #"{"a":"#, 5, .unexpectedEnd(expected: .value)),
        Row("object cut after the key", #"{"a""#, 4, .unexpectedEnd(expected: .colon)),
        Row("object cut after the brace", "{", 1, .unexpectedEnd(expected: .keyOrObjectEnd)),
        Row("array cut after the bracket", "[", 1, .unexpectedEnd(expected: .valueOrArrayEnd)),
        Row("unquoted key", "{a:1}", 1, .unexpectedByte(UInt8(ascii: "a"), expected: .keyOrObjectEnd)),
        Row("single-quoted key", "{'a':1}", 1, .unexpectedByte(UInt8(ascii: "'"), expected: .keyOrObjectEnd)),
        Row("number as key", "{1:1}", 1, .unexpectedByte(UInt8(ascii: "1"), expected: .keyOrObjectEnd)),
        Row("key after comma must be a string", #"{"a":1,2:3}"#, 7, .unexpectedByte(UInt8(ascii: "2"), expected: .key)),
        Row("missing colon", #"{"a" 1}"#, 5, .unexpectedByte(UInt8(ascii: "1"), expected: .colon)),
        Row("equals instead of colon", #"{"a"=1}"#, 4, .unexpectedByte(UInt8(ascii: "="), expected: .colon)),
        Row("missing value before the closer", #"{"a":}"#, 5, .unexpectedByte(UInt8(ascii: "}"), expected: .value)),
        Row("line comment", "[1]//c", 3, .unexpectedByte(UInt8(ascii: "/"), expected: .endOfInput)),
        Row("block comment", "/*c*/1", 0, .unexpectedByte(UInt8(ascii: "/"), expected: .value)),
        Row("single-quoted string", "['a']", 1, .unexpectedByte(UInt8(ascii: "'"), expected: .valueOrArrayEnd)),
        Row("vertical tab is not whitespace", "\u{0B}1", 0, .unexpectedByte(0x0B, expected: .value)),
        Row("form feed is not whitespace", "[\u{0C}]", 1, .unexpectedByte(0x0C, expected: .valueOrArrayEnd)),
        Row("no-break space is not whitespace", bytes: [0xC2, 0xA0, 0x31], 0, .unexpectedByte(0xC2, expected: .value)),
        Row("byte order mark", bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], 0, .byteOrderMark),
        Row("NUL byte between values", bytes: [0x5B, 0x00, 0x5D], 1, .unexpectedByte(0x00, expected: .valueOrArrayEnd)),
    ]

    static let literals: [Row] = [
        Row("capitalised True", "True", 0, .unexpectedByte(UInt8(ascii: "T"), expected: .value)),
        Row("truncated true", "tru", 3, .unexpectedEnd(expected: .literal("true"))),
        Row("misspelled false", "fals3", 4, .unexpectedByte(UInt8(ascii: "3"), expected: .literal("false"))),
        Row("truncated null in an array", "[nul", 4, .unexpectedEnd(expected: .literal("null"))),
        Row("true followed by letters", "truex", 4, .unexpectedByte(UInt8(ascii: "x"), expected: .endOfInput)),
        Row("NaN", "NaN", 0, .unexpectedByte(UInt8(ascii: "N"), expected: .value)),
        Row("Infinity", "[Infinity]", 1, .unexpectedByte(UInt8(ascii: "I"), expected: .valueOrArrayEnd)),
        Row("undefined", "undefined", 0, .unexpectedByte(UInt8(ascii: "u"), expected: .value)),
    ]

    static let numbers: [Row] = [
        Row("leading zero", "01", 1, .leadingZero),
        Row("negative leading zero", "-01", 2, .leadingZero),
        Row("leading zeros in an array", "[007]", 2, .leadingZero),
        Row("plus sign", "+1", 0, .unexpectedByte(UInt8(ascii: "+"), expected: .value)),
        Row("fraction without integer part", ".5", 0, .unexpectedByte(UInt8(ascii: "."), expected: .value)),
        Row("fraction without digits", "1.", 2, .unexpectedEnd(expected: .digit)),
        Row("fraction without digits before the closer", "[1.]", 3, .unexpectedByte(UInt8(ascii: "]"), expected: .digit)),
        Row("exponent without digits", "1e", 2, .unexpectedEnd(expected: .digit)),
        Row("exponent sign without digits", "1e+", 3, .unexpectedEnd(expected: .digit)),
        Row("exponent followed by a letter", "1ex", 2, .unexpectedByte(UInt8(ascii: "x"), expected: .digit)),
        Row("lone minus", "-", 1, .unexpectedEnd(expected: .digit)),
        Row("minus then a letter", "-a", 1, .unexpectedByte(UInt8(ascii: "a"), expected: .digit)),
        Row("minus then a space", "- 1", 1, .unexpectedByte(UInt8(ascii: " "), expected: .digit)),
        Row("hexadecimal", "0x10", 1, .unexpectedByte(UInt8(ascii: "x"), expected: .endOfInput)),
        Row("two decimal points", "1.2.3", 3, .unexpectedByte(UInt8(ascii: "."), expected: .endOfInput)),
    ]

    static let strings: [Row] = [
        Row("unterminated string", #""abc"#, 4, .unexpectedEnd(expected: .stringEnd)),
        Row("unterminated after an escape", #""a\""#, 4, .unexpectedEnd(expected: .stringEnd)),
        Row("backslash at the very end", #""a\"#, 3, .unexpectedEnd(expected: .stringEnd)),
        Row("invalid escape \\x", #""\x41""#, 1, .invalidEscape),
        Row("invalid escape \\'", #""\'""#, 1, .invalidEscape),
        Row("invalid escape \\U", #""ab\U0041""#, 3, .invalidEscape),
        Row("escaped newline character", "\"\\\n\"", 1, .invalidEscape),
        Row("\\u with non-hex digit", #""\u00g9""#, 1, .invalidUnicodeEscape),
        Row("\\u with three digits", #""\u041""#, 1, .invalidUnicodeEscape),
        Row("\\u cut by the end", #""\u04"#, 5, .unexpectedEnd(expected: .stringEnd)),
        Row("lone high surrogate", #""\ud800""#, 1, .loneSurrogate),
        Row("lone high surrogate then text", #""\ud800abc""#, 1, .loneSurrogate),
        Row("lone low surrogate", #""x\udc00""#, 2, .loneSurrogate),
        Row("two high surrogates", #""\ud800\ud800""#, 1, .loneSurrogate),
        Row("high surrogate then a BMP escape", #""\ud800\u0041""#, 1, .loneSurrogate),
        Row("high surrogate then another escape", #""\ud800\n""#, 1, .loneSurrogate),
        Row("reversed surrogate pair", #""\udc00\ud800""#, 1, .loneSurrogate),
        Row("high surrogate at the end", #""\ud800"#, 7, .unexpectedEnd(expected: .stringEnd)),
        Row("raw tab in a string", "\"a\tb\"", 2, .controlCharacter(0x09)),
        Row("raw newline in a string", "\"a\nb\"", 2, .controlCharacter(0x0A)),
        Row("raw NUL in a string", bytes: [0x22, 0x00, 0x22], 1, .controlCharacter(0x00)),
        Row("raw control after an escape", bytes: Array(#""\n"#.utf8) + [0x1F, 0x22], 3, .controlCharacter(0x1F)),
        Row("raw newline in a key", "{\"a\nb\":1}", 3, .controlCharacter(0x0A)),
    ]

    static let utf8: [Row] = [
        Row("stray continuation byte", bytes: [0x22, 0x80, 0x22], 1, .invalidUTF8),
        Row("0xFF", bytes: [0x22, 0x61, 0xFF, 0x22], 2, .invalidUTF8),
        Row("0xFE", bytes: [0x22, 0xFE, 0x22], 1, .invalidUTF8),
        Row("overlong '/' (C0 AF)", bytes: [0x22, 0xC0, 0xAF, 0x22], 1, .invalidUTF8),
        Row("overlong C1 BF", bytes: [0x22, 0xC1, 0xBF, 0x22], 1, .invalidUTF8),
        Row("overlong three-byte (E0 80 AF)", bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22], 1, .invalidUTF8),
        Row("overlong three-byte max (E0 9F BF)", bytes: [0x22, 0xE0, 0x9F, 0xBF, 0x22], 1, .invalidUTF8),
        Row("overlong four-byte (F0 8F BF BF)", bytes: [0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22], 1, .invalidUTF8),
        Row("encoded high surrogate (ED A0 80)", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, .invalidUTF8),
        Row("encoded low surrogate (ED BF BF)", bytes: [0x22, 0xED, 0xBF, 0xBF, 0x22], 1, .invalidUTF8),
        Row("encoded surrogate pair (CESU-8)", bytes: [0x22, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, 0x22], 1, .invalidUTF8),
        Row("above U+10FFFF (F4 90 80 80)", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, .invalidUTF8),
        Row("five-byte lead F8", bytes: [0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22], 1, .invalidUTF8),
        Row("lead F5", bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1, .invalidUTF8),
        Row("two-byte cut by the quote", bytes: [0x22, 0xC3, 0x22], 1, .invalidUTF8),
        Row("three-byte missing its last byte", bytes: [0x22, 0xE2, 0x82, 0x22], 1, .invalidUTF8),
        Row("four-byte missing its last byte", bytes: [0x22, 0xF0, 0x9F, 0x98, 0x22], 1, .invalidUTF8),
        Row("three-byte with ASCII as third byte", bytes: [0x22, 0xE2, 0x82, 0x41, 0x22], 1, .invalidUTF8),
        Row("sequence cut by the end of the document", bytes: [0x22, 0xE2, 0x82], 1, .invalidUTF8),
        Row("invalid UTF-8 after an escape", bytes: Array(#""\t"#.utf8) + [0xC0, 0x80, 0x22], 3, .invalidUTF8),
        Row("invalid UTF-8 in a key", bytes: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], 2, .invalidUTF8),
        Row("Latin-1 é", bytes: Array(#"{"a":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8), 9, .invalidUTF8),
    ]

    @Test(arguments: structure + literals + numbers + strings + utf8)
    func parse_invalidDocument_namesOffsetAndReason(_ row: Row) {
        #expect(throws: JSONSyntaxError(byteOffset: row.offset, reason: row.reason)) {
            try JSONParser().parse(row.bytes)
        }
    }

    @Test func parse_commaBetweenDigitsIsTwoNumbers() throws {
        #expect(try JSONParser().parse(Array("[1,5]".utf8)) == .array([.number("1"), .number("5")]))
    }
}
