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
