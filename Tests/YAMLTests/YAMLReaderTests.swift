import JSON
import Testing
import YAML

/// The YAML reader: what each YAML construct becomes as JSON, where each value was written, and the
/// line and column of every refused input.
struct YAMLReaderTests {
    /// One document's text and the JSON it must denote (compact, as `JSONWriter` prints it).
    static let values: [(yaml: String, json: String)] = [
        ("a: 1", #"{"a":1}"#),
        ("- x\n- 'y'\n- \"z\"", #"["x","y","z"]"#),
        ("n: ~\nm: null\ne:\nt: true\nf: False", #"{"n":null,"m":null,"e":null,"t":true,"f":false}"#),
        // YAML 1.2 core schema, not 1.1: yes/on/dates stay strings, 010 is ten.
        ("[yes, on, 2019-06-07T10:50:00, 010, 0o17, 0x1F, +5, -3]", #"["yes","on","2019-06-07T10:50:00",10,15,31,5,-3]"#),
        ("[1.5, .5, 1., -2.5e+3, 1E5, '1.5', \"true\"]", #"[1.5,0.5,1.0,-2.5e+3,1e5,"1.5","true"]"#),
        ("{a: [1, {b: c}], 'd e': {}}", #"{"a":[1,{"b":"c"}],"d e":{}}"#),
        ("text: |\n  line one\n  line two\n", #"{"text":"line one\nline two\n"}"#),
        ("folded: >-\n  a\n  b\n", #"{"folded":"a b"}"#),
        ("1: one\ntrue: yes", #"{"1":"one","true":"yes"}"#),
        ("[!!str 12, !!int '7', !!float 2, !!bool true, !!null '']", #"["12",7,2,true,null]"#),
        ("# only a comment\nx: \"\\u00e9\\t\"", #"{"x":"é\t"}"#),
        (#"{"json": [1, 2.50, null], "is": "yaml"}"#, #"{"json":[1,2.50,null],"is":"yaml"}"#),
    ]

    @Test(arguments: values) func resolvesLikeTheCoreSchema(_ yaml: String, _ json: String) throws {
        let documents = try YAMLReader().documents(Array(yaml.utf8))
        #expect(documents.count == 1)
        var writer = JSONWriter()
        writer.write(try #require(documents.first).root)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == json, "for \(yaml)")
    }

    /// Input the reader refuses, and the line:column it names.
    static let refusals: [(yaml: String, position: String, message: String)] = [
        ("a: 1\nb: [1, 2\n", "3:1", "did not find expected ',' or ']'"),
        ("a: 1\n  b: 2\n", "2:4", "mapping values are not allowed"),
        ("a: \"open\n", "2:1", "unexpected end of stream"),
        ("key: 1\nkey: 2\n", "2:1", "duplicate key 'key'"),
        ("base: &b {x: 1}\n", "1:7", "anchors (&b) are not supported"),
        ("a: 1\nb: *x\n", "2:4", "aliases (*name) are not supported"),
        ("? [a]\n: 1\n", "1:3", "a key must be a plain value"),
        ("x: .inf\n", "1:4", ".inf has no JSON form"),
        ("x: !custom 1\n", "1:4", "the tag !custom is not supported"),
        ("x: !!int abc\n", "1:4", "'abc' is not a valid !!int"),
        ("\tx: 1\n", "1:1", "found character that cannot start any token"),
    ]

    @Test(arguments: refusals) func refusesWithLineAndColumn(_ yaml: String, _ position: String, _ message: String) {
        #expect {
            _ = try YAMLReader().documents(Array(yaml.utf8))
        } throws: { error in
            guard let error = error as? YAMLError else { return false }
            return error.position.description == position && error.message.contains(message)
        }
    }

    @Test func invalidUTF8IsPlacedAtItsByte() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLReader().documents(Array("a: 1\nb: x".utf8) + [0xFF, 0x0A]) }
        #expect(error.position.description == "2:5", "\(error)")
        #expect(error.message.contains("invalid"), "\(error)")
    }

        @Test func everyValueHasItsLineAndColumn() throws {
        let yaml = """
            schedules:
              - name: nightly
                recurrence:
                  frequency: Day
                  interval: 1
              - name: "hourly"
            """
        let document = try #require(try YAMLReader().documents(Array(yaml.utf8)).first)
        let map = document.sourceMap
        #expect(map.position(of: JSONPointer(tokens: ["schedules"]))?.description == "2:3")
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "0"]))?.description == "2:5")
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "0", "name"]))?.description == "2:11")
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "0", "recurrence", "interval"]))?.description == "5:17")
        // A missing field is placed at its parent.
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "0", "recurrence", "time_zone"]))?.description == "4:7")
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "1", "name"]))?.description == "6:11")
        let item = map.subtree(at: JSONPointer(tokens: ["schedules", "1"]))
        #expect(item.position(of: JSONPointer(tokens: ["name"]))?.description == "6:11")
        #expect(item.position(of: JSONPointer(tokens: ["cron"]))?.description == "6:5")
    }

    @Test func aStreamHasEachOfItsDocuments() throws {
        let documents = try YAMLReader().documents(Array("a: 1\n---\nb: 2\n---\n".utf8))
        #expect(documents.map(\.root) == [.object([JSONMember(key: "a", value: .number("1"))]), .object([JSONMember(key: "b", value: .number("2"))]), .null])
        #expect(documents[1].sourceMap.position(of: JSONPointer(tokens: ["b"]))?.description == "3:4")
        #expect(try YAMLReader().documents([]).isEmpty)
    }

    @Test func jsonPositionsComeFromTheKeys() throws {
        let text = "{\n  \"schedules\": [\n    {\"name\": \"a\",\n     \"cron\": {\"expression\": \"x\"}}\n  ]\n}"
        let root = try JSONParser().parse(Array(text.utf8))
        let map = SourceMap(json: root, bytes: Array(text.utf8))
        #expect(map.position(of: JSONPointer(tokens: ["schedules"]))?.description == "2:3")
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "0"]))?.description == "3:6")
        #expect(map.position(of: JSONPointer(tokens: ["schedules", "0", "cron", "expression"]))?.description == "4:15")
    }
}
