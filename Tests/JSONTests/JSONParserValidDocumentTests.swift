import Testing
@testable import JSON

/// Documents RFC 8259 accepts parse, keeping member order, duplicates and number literals.
@Suite struct JSONParserValidDocumentTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var comment: String
        var text: String
        var expected: JSONNode
        var testDescription: String { comment }
    }

    static let rows: [Row] = [
        Row(comment: "empty object", text: "{}", expected: .object([])),
        Row(comment: "empty array", text: "[]", expected: .array([])),
        Row(comment: "scalar string at top level", text: #""a""#, expected: .string("a")),
        Row(comment: "scalar number at top level", text: "42", expected: .number("42")),
        Row(comment: "true", text: "true", expected: .bool(true)),
        Row(comment: "false", text: "false", expected: .bool(false)),
        Row(comment: "null", text: "null", expected: .null),
        Row(comment: "surrounding whitespace of all four kinds", text: " \t\r\n{} \n", expected: .object([])),
        Row(comment: "whitespace everywhere allowed", text: "{ \"a\" : [ 1 , 2 ] , \"b\" : null }",
            expected: .object([JSONMember(key: "a", value: .array([.number("1"), .number("2")])), JSONMember(key: "b", value: .null)])),
        Row(comment: "member order kept", text: #"{"b":1,"a":2}"#,
            expected: .object([JSONMember(key: "b", value: .number("1")), JSONMember(key: "a", value: .number("2"))])),
        Row(comment: "duplicate keys kept", text: #"{"a":1,"a":2}"#,
            expected: .object([JSONMember(key: "a", value: .number("1")), JSONMember(key: "a", value: .number("2"))])),
        Row(comment: "nested containers", text: #"[[[]],{"a":{"b":[{}]}}]"#,
            expected: .array([.array([.array([])]), .object([JSONMember(key: "a", value: .object([JSONMember(key: "b", value: .array([.object([])]))]))])])),
        Row(comment: "empty key", text: #"{"":""}"#, expected: .object([JSONMember(key: "", value: .string(""))])),
    ]

    @Test(arguments: rows)
    func parse_validDocument_givesTree(_ row: Row) throws {
        #expect(try JSONParser().parse(Array(row.text.utf8)) == row.expected)
    }
}

/// Strings: escapes decode to the characters they name; raw UTF-8 passes through.
@Suite struct JSONParserStringTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var comment: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { comment }

        init(_ comment: String, _ text: String, _ expected: String) {
            self.init(comment, bytes: Array(text.utf8), expected)
        }

        init(_ comment: String, bytes: [UInt8], _ expected: String) {
            self.comment = comment
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let rows: [Row] = [
        Row("plain ASCII", #""abc""#, "abc"),
        Row("empty", #""""#, ""),
        Row("quote and backslash escapes", #""a\"b\\c""#, "a\"b\\c"),
        Row("solidus escape", #""a\/b""#, "a/b"),
        Row("short control escapes", #""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"),
        Row("BMP \\u escape, lower-case hex", #""caf\u00e9""#, "café"),
        Row("BMP \\u escape, upper-case hex", #""\u00C9""#, "É"),
        Row("\\u0000 is allowed", #""a\u0000b""#, "a\u{0}b"),
        Row("surrogate pair → one astral scalar", #""\ud83d\ude00""#, "😀"),
        Row("highest scalar via surrogates", #""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        Row("escape after raw UTF-8", #""é\n""#, "é\n"),
        Row("raw two-byte UTF-8", #""é""#, "é"),
        Row("raw three-byte UTF-8", #""€""#, "€"),
        Row("raw four-byte UTF-8", #""😀""#, "😀"),
        Row("raw U+FFFF (a noncharacter, still valid)", bytes: [0x22, 0xEF, 0xBF, 0xBF, 0x22], "\u{FFFF}"),
        Row("raw U+10FFFF", bytes: [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22], "\u{10FFFF}"),
        Row("raw U+0080, lowest two-byte", bytes: [0x22, 0xC2, 0x80, 0x22], "\u{80}"),
        Row("raw U+0800, lowest three-byte", bytes: [0x22, 0xE0, 0xA0, 0x80, 0x22], "\u{800}"),
        Row("raw U+D7FF, just below the surrogates", bytes: [0x22, 0xED, 0x9F, 0xBF, 0x22], "\u{D7FF}"),
        Row("raw U+E000, just above the surrogates", bytes: [0x22, 0xEE, 0x80, 0x80, 0x22], "\u{E000}"),
        Row("raw U+10000, lowest four-byte", bytes: [0x22, 0xF0, 0x90, 0x80, 0x80, 0x22], "\u{10000}"),
        Row("DEL is not a control character for JSON", bytes: [0x22, 0x7F, 0x22], "\u{7F}"),
        Row("decomposed é stays decomposed", "\"e\u{301}\"", "e\u{301}"),
    ]

    @Test(arguments: rows)
    func parse_string_decodesToText(_ row: Row) throws {
        let node = try JSONParser().parse(row.bytes)
        #expect(node.stringValue.map { Array($0.utf8) } == Array(row.expected.utf8))
    }

    @Test func parse_keysDecodeEscapesToo() throws {
        let node = try JSONParser().parse(Array(#"{"a\/b\u0041":1}"#.utf8))
        #expect(node.objectMembers?.first?.key == "a/bA")
    }

    @Test func parse_keyOffsets_pointAtOpeningQuotes() throws {
        let node = try JSONParser().parse(Array(#"{ "a":1,  "bb":{"c":2}}"#.utf8))
        let members = try #require(node.objectMembers)
        #expect(members.map(\.keyOffset) == [2, 10])
        #expect(members[1].value.objectMembers?.first?.keyOffset == 16)
    }
}

/// Numbers keep the literal text: the gateway forwards them as written.
@Suite struct JSONParserNumberTests {
    static let literals = [
        "0", "-0", "10", "1.50", "0.1", "-12.5e+3", "1E2", "1e-7", "2.0", "100000000000000000000000000000",
        "0.000000000000000000000000000001", "1e400", "-1e-400", "123.4560", "9007199254740993",
    ]

    @Test(arguments: literals)
    func parse_number_keepsLiteral(_ literal: String) throws {
        #expect(try JSONParser().parse(Array(literal.utf8)) == .number(literal))
        let inArray = try JSONParser().parse(Array("[\(literal)]".utf8))
        #expect(inArray.arrayElements?.first?.numberLiteral == literal)
    }
}

/// The parser takes bytes however the caller holds them.
@Suite struct JSONParserInputTests {
    @Test func parse_sliceAndRawBuffer_agreeWithArray() throws {
        let bytes = Array(#"xx{"a":[1,"b"]}yy"#.utf8)
        let expected = try JSONParser().parse(Array(bytes[2..<(bytes.count - 2)]))
        #expect(try JSONParser().parse(bytes[2..<(bytes.count - 2)]) == expected)
        let viaRaw = try bytes.withUnsafeBytes { raw in
            try JSONParser().parse(UnsafeRawBufferPointer(rebasing: raw[2..<(raw.count - 2)]))
        }
        #expect(viaRaw == expected)
    }

    @Test func parse_nonContiguousCollection_isCopiedFirst() throws {
        let bytes = Array(#"[true,null]"#.utf8)
        #expect(try JSONParser().parse(bytes.lazy.map { $0 }) == .array([.bool(true), .null]))
    }
}
