import Testing
@testable import JSON

/// The error text is what a client reads in a 400 answer: offset first, then what was wrong.
@Suite struct JSONSyntaxErrorTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var testDescription: String { text }
    }

    static let rows: [Row] = [
        Row(text: #"{"a":1]"#, message: "invalid JSON at byte 6: expected ',' or '}', found ']'"),
        Row(text: "", message: "invalid JSON at byte 0: the document is empty, expected a value"),
        Row(text: "[1,]", message: "invalid JSON at byte 2: trailing comma before the end of the array or object"),
        Row(text: "[1", message: "invalid JSON at byte 2: unexpected end of input, expected ',' or ']'"),
        Row(text: "01", message: "invalid JSON at byte 1: leading zeros are not allowed in numbers"),
        Row(text: "\"a\tb\"", message: "invalid JSON at byte 2: unescaped control character 0x09 in a string"),
        Row(text: "{\"a\" 1}", message: "invalid JSON at byte 5: expected ':', found '1'"),
        Row(text: "[ ]x", message: "invalid JSON at byte 3: expected the end of the document, found 'x'"),
        Row(text: "[\u{0B}]", message: "invalid JSON at byte 1: expected a value or ']', found byte 0x0B"),
        Row(text: #""\ud800""#, message: "invalid JSON at byte 1: unpaired UTF-16 surrogate in a \\u escape"),
        Row(text: "tru", message: "invalid JSON at byte 3: unexpected end of input, expected 'true'"),
    ]

    @Test(arguments: rows)
    func description_namesOffsetAndProblem(_ row: Row) throws {
        do {
            _ = try JSONParser().parse(Array(row.text.utf8))
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.description == row.message)
        }
    }

    @Test func description_invalidUTF8() {
        #expect(JSONSyntaxError(byteOffset: 9, reason: .invalidUTF8).description == "invalid JSON at byte 9: invalid UTF-8 byte sequence")
        #expect(JSONSyntaxError(byteOffset: 0, reason: .tooDeep(limit: 64)).description
            == "invalid JSON at byte 0: arrays and objects nested deeper than 64 levels")
    }
}
