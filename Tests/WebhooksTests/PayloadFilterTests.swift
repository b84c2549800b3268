import JSON
import Testing
import Webhooks

/// Filters: which payload values let a delivery through.
@Suite struct PayloadFilterTests {
    static let payload: JSONNode = {
        let text = #"{"action":"published","count":1,"big":1e400,"draft":false,"tag":null,"release":{"tags":["v1"]},"n":"1"}"#
        return (try? JSONParser().parse(Array(text.utf8))) ?? .null
    }()

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var pointer: String
        var anyOf: [JSONNode]
        var matches: Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "string match", pointer: "/action", anyOf: [.string("published"), .string("released")], matches: true),
        Row(name: "string miss", pointer: "/action", anyOf: [.string("deleted")], matches: false),
        Row(name: "string is case-sensitive", pointer: "/action", anyOf: [.string("Published")], matches: false),
        Row(name: "missing pointer", pointer: "/missing", anyOf: [.string("published"), .null], matches: false),
        Row(name: "pointer through a string", pointer: "/action/0", anyOf: [.string("p")], matches: false),
        Row(name: "empty list", pointer: "/action", anyOf: [], matches: false),
        Row(name: "number 1 vs 1.0", pointer: "/count", anyOf: [.number("1.0")], matches: true),
        Row(name: "number 1 vs 1e0", pointer: "/count", anyOf: [.number("1e0")], matches: true),
        Row(name: "number 1 vs 2", pointer: "/count", anyOf: [.number("2")], matches: false),
        Row(name: "number is not its string", pointer: "/count", anyOf: [.string("1")], matches: false),
        Row(name: "string is not its number", pointer: "/n", anyOf: [.number("1")], matches: false),
        Row(name: "infinite literal by text", pointer: "/big", anyOf: [.number("2e400")], matches: false),
        Row(name: "infinite literal same text", pointer: "/big", anyOf: [.number("1e400")], matches: true),
        Row(name: "bool false", pointer: "/draft", anyOf: [.bool(false)], matches: true),
        Row(name: "bool true vs false", pointer: "/draft", anyOf: [.bool(true)], matches: false),
        Row(name: "bool is not a string", pointer: "/draft", anyOf: [.string("false")], matches: false),
        Row(name: "null", pointer: "/tag", anyOf: [.null], matches: true),
        Row(name: "array element", pointer: "/release/tags/0", anyOf: [.string("v1")], matches: true),
        Row(name: "array structurally", pointer: "/release/tags", anyOf: [.array([.string("v1")])], matches: true),
    ]

    @Test(arguments: rows)
    func matches_comparesScalarsByValue(_ row: Row) throws {
        let filter = PayloadFilter(pointer: try JSONPointer(parsing: row.pointer), anyOf: row.anyOf)
        #expect(filter.matches(Self.payload) == row.matches)
    }
}
