import Testing
@testable import JSON

/// RFC 6901 pointers: built token by token with `~` and `/` escaped, and written by clients (webhook
/// templates and filters): parsing, unescaped tokens, and resolving them against a document.
@Suite struct JSONPointerTests {
    @Test func appending_escapesTokens() {
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.root.appending("ParameterAssignments").appending("a/b~c").description == "/ParameterAssignments/a~1b~0c")
        #expect(JSONPointer(tokens: ["tags", "", "~1"]).description == "/tags//~01")
        #expect(JSONPointer.root.appending("list").appending(index: 3).description == "/list/3")
        #expect(JSONPointer.escape("é/") == "é~1")
    }

    struct SyntaxRow: Sendable, CustomTestStringConvertible {
        var text: String
        var error: JSONPointerSyntaxError
        var testDescription: String { "\"\(text)\"" }
    }

    static let syntaxErrors: [SyntaxRow] = [
        SyntaxRow(text: "data", error: JSONPointerSyntaxError(offset: 0, reason: .missingLeadingSlash)),
        SyntaxRow(text: " /a", error: JSONPointerSyntaxError(offset: 0, reason: .missingLeadingSlash)),
        SyntaxRow(text: "/a~2", error: JSONPointerSyntaxError(offset: 2, reason: .invalidEscape)),
        SyntaxRow(text: "/a~", error: JSONPointerSyntaxError(offset: 2, reason: .invalidEscape)),
        SyntaxRow(text: "/~/b", error: JSONPointerSyntaxError(offset: 1, reason: .invalidEscape)),
        SyntaxRow(text: "/ok/é~x", error: JSONPointerSyntaxError(offset: 5, reason: .invalidEscape)),
    ]

    @Test(arguments: syntaxErrors)
    func parsing_rejectsWithOffset(_ row: SyntaxRow) {
        #expect(throws: row.error) { try JSONPointer(parsing: row.text) }
    }

    struct TokenRow: Sendable, CustomTestStringConvertible {
        var text: String
        var tokens: [String]
        var testDescription: String { "\"\(text)\"" }
    }

    static let tokenRows: [TokenRow] = [
        TokenRow(text: "", tokens: []),
        TokenRow(text: "/", tokens: [""]),
        TokenRow(text: "/data/name", tokens: ["data", "name"]),
        TokenRow(text: "/a~1b", tokens: ["a/b"]),
        TokenRow(text: "/m~0n", tokens: ["m~n"]),
        TokenRow(text: "/~01", tokens: ["~1"]),
        TokenRow(text: "/a//b/", tokens: ["a", "", "b", ""]),
        TokenRow(text: "/items/0", tokens: ["items", "0"]),
    ]

    @Test(arguments: tokenRows)
    func parsing_keepsTextAndUnescapesTokens(_ row: TokenRow) throws {
        let pointer = try JSONPointer(parsing: row.text)
        #expect(pointer.description == row.text)
        #expect(pointer.tokens == row.tokens)
        #expect(JSONPointer(tokens: row.tokens) == pointer)
    }

    @Test func syntaxError_descriptionNamesRuleAndOffset() {
        let error = JSONPointerSyntaxError(offset: 2, reason: .invalidEscape)
        #expect(error.description == #"invalid JSON pointer at character 2: in a JSON pointer "~" must be written "~0" and "/" inside a key "~1""#)
    }

    // RFC 6901 §5's example document.
    static let document: JSONNode = {
        let text = #"{"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,"i\\j":5,"k\"l":6," ":7,"m~n":8,"dup":"first","dup":"second","nested":{"list":[{"x":true}]}}"#
        return (try? JSONParser().parse(Array(text.utf8))) ?? .null
    }()

    struct LookupRow: Sendable, CustomTestStringConvertible {
        var pointer: String
        var value: JSONNode?
        var testDescription: String { "\"\(pointer)\"" }
    }

    static let lookups: [LookupRow] = [
        LookupRow(pointer: "/foo", value: .array([.string("bar"), .string("baz")])),
        LookupRow(pointer: "/foo/0", value: .string("bar")),
        LookupRow(pointer: "/foo/1", value: .string("baz")),
        LookupRow(pointer: "/", value: .number("0")),
        LookupRow(pointer: "/a~1b", value: .number("1")),
        LookupRow(pointer: "/c%d", value: .number("2")),
        LookupRow(pointer: "/e^f", value: .number("3")),
        LookupRow(pointer: "/g|h", value: .number("4")),
        LookupRow(pointer: #"/i\j"#, value: .number("5")),
        LookupRow(pointer: #"/k"l"#, value: .number("6")),
        LookupRow(pointer: "/ ", value: .number("7")),
        LookupRow(pointer: "/m~0n", value: .number("8")),
        LookupRow(pointer: "/dup", value: .string("first")),
        LookupRow(pointer: "/nested/list/0/x", value: .bool(true)),
        LookupRow(pointer: "/foo/2", value: nil),
        LookupRow(pointer: "/foo/-", value: nil),
        LookupRow(pointer: "/foo/01", value: nil),
        LookupRow(pointer: "/foo/+1", value: nil),
        LookupRow(pointer: "/foo/1e0", value: nil),
        LookupRow(pointer: "/foo/99999999999999999999999", value: nil),
        LookupRow(pointer: "/foo/bar", value: nil),
        LookupRow(pointer: "/missing", value: nil),
        LookupRow(pointer: "/foo/0/deeper", value: nil),
        LookupRow(pointer: "/a/b", value: nil),
    ]

    @Test(arguments: lookups)
    func valueAt_resolvesPerRFC6901(_ row: LookupRow) throws {
        #expect(Self.document.value(at: try JSONPointer(parsing: row.pointer)) == row.value)
    }

    @Test func valueAt_rootIsTheWholeDocument() {
        #expect(Self.document.value(at: .root) == Self.document)
        #expect(JSONNode.string("x").value(at: .root) == .string("x"))
    }
}
