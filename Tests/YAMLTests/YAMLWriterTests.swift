import JSON
import Testing
import YAML

/// What `YAMLWriter` prints reads back as the same value.
struct YAMLWriterTests {
    static let documents = [
        #"{"schedules":[{"name":"a \"b\"","n":1.50,"t":true,"z":null,"list":[1,"two"],"nested":{"deep":{"x":"yes"}},"empty":{},"none":[]},{"name":"2019-06-07"}]}"#,
        #"[[1,[2,{"a":"multi\nline"}]],{"weird key: #":"~"}]"#,
        #""only a string""#,
        #"{}"#,
    ]

    @Test(arguments: documents) func readsBackAsTheSameValue(_ json: String) throws {
        let node = try JSONParser().parse(Array(json.utf8))
        let text = YAMLWriter.text(node)
        let back = try #require(try YAMLReader().documents(Array(text.utf8)).first).root
        #expect(back == node, "\(text)")
    }

    @Test func writesBlockStyle() throws {
        let node = try JSONParser().parse(Array(#"{"schedules":[{"name":"a","recurrence":{"hours":[1,2]}}]}"#.utf8))
        #expect(YAMLWriter.text(node) == "schedules:\n  - name: \"a\"\n    recurrence:\n      hours: [1, 2]\n")
    }
}
