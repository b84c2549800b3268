import Observability
import Testing

@Suite struct InMemoryLogSinkTests {
    @Test func keepsLinesInOrder() {
        let sink = InMemoryLogSink()
        sink.write("a")
        sink.write("b")
        sink.flush()
        #expect(sink.lines == ["a", "b"])
    }

    @Test func entriesRenderEveryFieldAsText() throws {
        let sink = InMemoryLogSink()
        Logger(sink: sink).warning(
            "message",
            ["s": "text", "i": 42, "neg": -3, "d": 1.5, "one": 1.0, "t": true, "f": false, "nan": .double(.nan)]
        )
        let entry = try #require(sink.entries().first)
        #expect(entry["level"] == "warning")
        #expect(entry["msg"] == "message")
        #expect(entry["s"] == "text")
        #expect(entry["i"] == "42")
        #expect(entry["neg"] == "-3")
        #expect(entry["d"] == "1.5")
        #expect(entry["one"] == "1.0")
        #expect(entry["t"] == "true")
        #expect(entry["f"] == "false")
        #expect(entry["nan"] == "NaN")
        #expect(entry["ts"]?.count == 24)
        #expect(entry.count == 11)
    }

    @Test func unparseableLinesYieldEmptyEntries() {
        let sink = InMemoryLogSink()
        sink.write("not json")
        sink.write("[1,2]")
        sink.write(#"{"k":null}"#)
        #expect(sink.entries() == [[:], [:], ["k": "null"]])
    }

    @Test func removeAllForgetsLines() {
        let sink = InMemoryLogSink()
        sink.write("a")
        sink.removeAll()
        #expect(sink.lines.isEmpty)
        #expect(sink.entries().isEmpty)
        sink.write("b")
        #expect(sink.lines == ["b"])
    }
}
