import Testing
@testable import JSON

/// The writer produces the exact bytes forwarded to Azure: compact, escaped like Python's
/// `json.dumps`, numbers as written, and re-parsing what it wrote gives the same tree.
@Suite struct JSONWriterTests {
    static func written(_ node: JSONNode, sortingKeys: Bool = false) -> String {
        var writer = JSONWriter()
        writer.write(node, sortingKeys: sortingKeys)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    struct EscapeRow: CustomTestStringConvertible, Sendable {
        var comment: String
        var text: String
        var json: String
        var testDescription: String { comment }
    }

    static let escapes: [EscapeRow] = [
        EscapeRow(comment: "plain", text: "abc", json: #""abc""#),
        EscapeRow(comment: "quote and backslash", text: "a\"b\\c", json: #""a\"b\\c""#),
        EscapeRow(comment: "solidus is not escaped", text: "a/b", json: #""a/b""#),
        EscapeRow(comment: "short escapes", text: "\n\r\t\u{08}\u{0C}", json: #""\n\r\t\b\f""#),
        EscapeRow(comment: "other controls as \\u00XX lower-case", text: "\u{0}\u{1}\u{1F}\u{1B}", json: #""\u0000\u0001\u001f\u001b""#),
        EscapeRow(comment: "DEL is written raw", text: "\u{7F}", json: "\"\u{7F}\""),
        EscapeRow(comment: "non-ASCII is written as UTF-8", text: "café 😀", json: "\"café 😀\""),
        EscapeRow(comment: "U+2028 is written raw (valid JSON)", text: "\u{2028}", json: "\"\u{2028}\""),
        EscapeRow(comment: "escape at start and end", text: "\"x\"", json: #""\"x\"""#),
        EscapeRow(comment: "empty", text: "", json: #""""#),
    ]

    @Test(arguments: escapes)
    func writeString_escapesPerRFC8259(_ row: EscapeRow) throws {
        #expect(Self.written(.string(row.text)) == row.json)
        #expect(try JSONParser().parse(Array(row.json.utf8)) == .string(row.text))
    }

    @Test func write_numbersAsWritten() {
        #expect(Self.written(.array([.number("1.50"), .number("10"), .number("-0"), .number("1E+2")])) == "[1.50,10,-0,1E+2]")
    }

    @Test func write_compactWithMemberOrderKept() {
        let node = JSONNode.object([
            JSONMember(key: "b", value: .array([.bool(true), .bool(false), .null, .object([])])),
            JSONMember(key: "a", value: .string("x")),
        ])
        #expect(Self.written(node) == #"{"b":[true,false,null,{}],"a":"x"}"#)
    }

    @Test func write_sortingKeys_ordersEveryLevelByBytes() {
        let node = JSONNode.object([
            JSONMember(key: "b", value: .object([JSONMember(key: "z", value: .null), JSONMember(key: "Z", value: .null)])),
            JSONMember(key: "a", value: .array([.object([JSONMember(key: "y", value: .null), JSONMember(key: "x", value: .null)])])),
            JSONMember(key: "é", value: .null),
            JSONMember(key: "B", value: .null),
        ])
        #expect(Self.written(node, sortingKeys: true) == #"{"B":null,"a":[{"x":null,"y":null}],"b":{"Z":null,"z":null},"é":null}"#)
    }

    @Test func write_piecewise_insertsCommasAndColons() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("ExperimentName")
        writer.writeString("nightly")
        writer.writeKey("list")
        writer.beginArray()
        writer.writeNumber(literal: "1")
        writer.beginObject()
        writer.endObject()
        writer.writeBool(false)
        writer.writeNull()
        writer.endArray()
        writer.writeKey("tags")
        writer.write(.object([JSONMember(key: "k", value: .string("v"))]))
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"ExperimentName":"nightly","list":[1,{},false,null],"tags":{"k":"v"}}"#)
    }

    static let roundTrips = [
        #"{"ExperimentName":"MyRestPipeline","ParameterAssignments":{"lr":1.50,"n":10,"flag":true}}"#,
        #"[[],{},[[{"a":[null,false,-1.5e-7]}]]]"#,
        #"{"a":1,"a":2,"":{"\u0000":"\ud83d\ude00"}}"#,
        #""\"\\\/\b\f\n\r\t\u0001\u007f\u00e9\u2028""#,
        " { \"spaced\" : [ 1 , 2 ] } ",
        "123456789012345678901234567890.5e-300",
    ]

    @Test(arguments: roundTrips)
    func write_roundTrip_parseWriteParseIsEqual(_ text: String) throws {
        let first = try JSONParser().parse(Array(text.utf8))
        var writer = JSONWriter()
        writer.write(first)
        let second = try JSONParser().parse(writer.bytes)
        #expect(second == first)
        var again = JSONWriter()
        again.write(second)
        #expect(again.bytes == writer.bytes)
    }
}
