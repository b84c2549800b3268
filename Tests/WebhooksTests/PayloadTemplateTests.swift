import JSON
import Testing
import Webhooks

/// Templates: what parses (and where it does not), and what rendering yields for each kind of value.
@Suite struct PayloadTemplateTests {
    static let payload: JSONNode = {
        let text = #"""
            {"data":{"name":"a.csv","size":1024,"ratio":1.50,"ok":true,"off":false,"tags":["x","y"],"meta":{"k":"v"},"none":null,
             "a/b":"slash","m~n":"tilde","":"empty key"},"items":[{"id":7},{"id":8}],"id":"evt_1","id":"evt_dup"}
            """#
        return (try? JSONParser().parse(Array(text.utf8))) ?? .null
    }()

    struct SyntaxRow: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var mentions: String
        var testDescription: String { "\"\(text)\"" }
    }

    static let syntaxErrors: [SyntaxRow] = [
        SyntaxRow(text: "incoming/{{/data/name", offset: 9, mentions: "never closed"),
        SyntaxRow(text: "{{/a}} and {{", offset: 11, mentions: "never closed"),
        SyntaxRow(text: "incoming/}}", offset: 9, mentions: "without an opening"),
        SyntaxRow(text: "{{/a}}}}", offset: 6, mentions: "without an opening"),
        SyntaxRow(text: "x{{}}", offset: 1, mentions: "empty placeholder"),
        SyntaxRow(text: "{{data/name}}", offset: 2, mentions: #"start with "/""#),
        SyntaxRow(text: "{{ /data}}", offset: 2, mentions: #"start with "/""#),
        SyntaxRow(text: "ab{{/data/~2}}", offset: 10, mentions: "~0"),
        SyntaxRow(text: "{{/data~}}", offset: 7, mentions: "~0"),
        SyntaxRow(text: "{{/a{{/b}}}}", offset: 4, mentions: "cannot contain"),
        SyntaxRow(text: "é{{/x~3}}", offset: 5, mentions: "~0"),
    ]

    @Test(arguments: syntaxErrors)
    func parsing_rejectsWithCharacterOffset(_ row: SyntaxRow) {
        do {
            let template = try PayloadTemplate(parsing: row.text)
            Issue.record("parsed: \(template)")
        } catch {
            #expect(error.offset == row.offset, "\(error)")
            #expect(error.message.contains(row.mentions), "\(error)")
            #expect(error.description.hasPrefix("template error at character \(row.offset): "))
        }
    }

    struct RenderRow: Sendable, CustomTestStringConvertible {
        var template: String
        var pointers: [String]
        var rendered: JSONNode
        var testDescription: String { "\"\(template)\"" }
    }

    static let renders: [RenderRow] = [
        RenderRow(template: "", pointers: [], rendered: .string("")),
        RenderRow(template: "literal only", pointers: [], rendered: .string("literal only")),
        RenderRow(template: "single { and } are literal", pointers: [], rendered: .string("single { and } are literal")),
        RenderRow(template: "{{/data/size}}", pointers: ["/data/size"], rendered: .number("1024")),
        RenderRow(template: "{{/data/ratio}}", pointers: ["/data/ratio"], rendered: .number("1.50")),
        RenderRow(template: "{{/data/ok}}", pointers: ["/data/ok"], rendered: .bool(true)),
        RenderRow(template: "{{/data/name}}", pointers: ["/data/name"], rendered: .string("a.csv")),
        RenderRow(template: "incoming/{{/data/name}}", pointers: ["/data/name"], rendered: .string("incoming/a.csv")),
        RenderRow(template: "n={{/data/size}} r={{/data/ratio}}", pointers: ["/data/size", "/data/ratio"], rendered: .string("n=1024 r=1.50")),
        RenderRow(template: "{{/data/ok}}/{{/data/off}}", pointers: ["/data/ok", "/data/off"], rendered: .string("true/false")),
        RenderRow(template: " {{/data/size}}", pointers: ["/data/size"], rendered: .string(" 1024")),
        RenderRow(template: "{{/data/a~1b}}", pointers: ["/data/a~1b"], rendered: .string("slash")),
        RenderRow(template: "{{/data/m~0n}}!", pointers: ["/data/m~0n"], rendered: .string("tilde!")),
        RenderRow(template: "{{/data/}}", pointers: ["/data/"], rendered: .string("empty key")),
        RenderRow(template: "{{/items/1/id}}", pointers: ["/items/1/id"], rendered: .number("8")),
        RenderRow(template: "{{/data/tags/0}}{{/data/tags/1}}", pointers: ["/data/tags/0", "/data/tags/1"], rendered: .string("xy")),
        RenderRow(template: "{{/id}}", pointers: ["/id"], rendered: .string("evt_1")),
        RenderRow(template: "{{/data/name}}{{/data/name}}", pointers: ["/data/name", "/data/name"], rendered: .string("a.csva.csv")),
        RenderRow(template: "{{/data/name}}}", pointers: ["/data/name"], rendered: .string("a.csv}")),
    ]

    @Test(arguments: renders)
    func render_fillsPlaceholders(_ row: RenderRow) throws {
        let template = try PayloadTemplate(parsing: row.template)
        #expect(template.text == row.template)
        #expect(template.pointers.map(\.description) == row.pointers)
        #expect(try template.render(Self.payload) == row.rendered)
    }

    struct RenderErrorRow: Sendable, CustomTestStringConvertible {
        var template: String
        var error: TemplateRenderError
        var testDescription: String { "\"\(template)\"" }
    }

    static func pointer(_ text: String) -> JSONPointer { JSONPointer(tokens: text.split(separator: "/").map(String.init)) }

    static let renderErrors: [RenderErrorRow] = [
        RenderErrorRow(template: "{{/data/missing}}", error: .missing(pointer: pointer("/data/missing"))),
        RenderErrorRow(template: "in/{{/data/missing}}", error: .missing(pointer: pointer("/data/missing"))),
        RenderErrorRow(template: "{{/items/2/id}}", error: .missing(pointer: pointer("/items/2/id"))),
        RenderErrorRow(template: "{{/items/-}}", error: .missing(pointer: pointer("/items/-"))),
        RenderErrorRow(template: "{{/data/name/first}}", error: .missing(pointer: pointer("/data/name/first"))),
        RenderErrorRow(template: "{{/data/meta}}", error: .notScalar(pointer: pointer("/data/meta"), kind: "object")),
        RenderErrorRow(template: "x{{/data/tags}}", error: .notScalar(pointer: pointer("/data/tags"), kind: "array")),
        RenderErrorRow(template: "{{/data/none}}", error: .notScalar(pointer: pointer("/data/none"), kind: "null")),
        RenderErrorRow(template: "{{/data/name}}-{{/data/none}}", error: .notScalar(pointer: pointer("/data/none"), kind: "null")),
    ]

    @Test(arguments: renderErrors)
    func render_refusesMissingAndNonScalarValues(_ row: RenderErrorRow) throws {
        let template = try PayloadTemplate(parsing: row.template)
        #expect(throws: row.error) { try template.render(Self.payload) }
        #expect(row.error.description.contains("\"\(row.error.pointer)\""))
    }

    @Test func renderError_descriptionsNameThePointerAndKind() {
        #expect(TemplateRenderError.missing(pointer: Self.pointer("/data/name")).description == #"the payload has no value at "/data/name""#)
        #expect(
            TemplateRenderError.notScalar(pointer: Self.pointer("/data"), kind: "object").description
                == #"the payload's value at "/data" is an object; only strings, numbers and booleans fill a placeholder"#)
    }

    @Test func render_nonObjectPayload() throws {
        #expect(throws: TemplateRenderError.missing(pointer: Self.pointer("/a"))) { try PayloadTemplate(parsing: "{{/a}}").render(.string("x")) }
        #expect(try PayloadTemplate(parsing: "{{/0}}").render(.array([.number("3")])) == .number("3"))
    }
}
