import Foundation
import Testing

@testable import Observability

@Suite struct LoggerTests {
    /// `{"ts":"` plus the 24-character timestamp; what follows is deterministic.
    private static func withoutTimestamp(_ line: String) -> Substring {
        line.dropFirst(#"{"ts":""#.count + 24)
    }

    @Test func writesOneJSONObjectWithFieldsInDocumentedOrder() throws {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, fields: ["service": "gw", "b_bound": 2])
        logger.info("hello", ["z": true, "a": 1.5, "m": "text"])

        let line = try #require(sink.lines.first)
        #expect(line.hasPrefix(#"{"ts":""#))
        #expect(
            Self.withoutTimestamp(line)
                == #"","level":"info","msg":"hello","b_bound":2,"service":"gw","a":1.5,"m":"text","z":true}"#
        )
        #expect(!line.hasSuffix("\n"))
    }

    @Test func timestampIsCurrentRFC3339UTCWithMilliseconds() throws {
        let sink = InMemoryLogSink()
        let before = Date()
        Logger(sink: sink).info("x")
        let after = Date()
        let line = try #require(sink.lines.first)
        let object = try #require(parseJSONObject(line))
        let stamp = try #require(object["ts"] as? String)
        #expect(stamp.count == 24)
        #expect(stamp.hasSuffix("Z"))
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(parser.date(from: stamp))
        #expect(parsed >= before.addingTimeInterval(-0.001))
        #expect(parsed <= after.addingTimeInterval(0.001))
    }

    static let trickyStrings = [
        "plain", "", "quote \" inside", "back\\slash", "new\nline", "cr\r tab\t", "nul \u{0} byte",
        "unit sep \u{1F}", "bell \u{7}", "emoji 😀🎉", "non-BMP 𝄞 \u{10FFFF}", "é漢字", "\"\\\n\u{0}\u{1F}😀",
        "</script>", "{\"json\":\"in json\"}",
    ]

    /// Messages, keys and values survive a round trip through a standard JSON parser.
    @Test(arguments: trickyStrings)
    func escapingRoundTripsThroughJSONSerialization(text: String) throws {
        let sink = InMemoryLogSink()
        Logger(sink: sink, fields: ["bound": .string(text)]).info(text, ["value": .string(text), "key \(text)": 1])

        let line = try #require(sink.lines.first)
        #expect(line.utf8.allSatisfy { $0 >= 0x20 }, "raw control character in \(line.debugDescription)")
        let object = try #require(parseJSONObject(line), "not JSON: \(line)")
        #expect(object["msg"] as? String == text)
        #expect(object["value"] as? String == text)
        #expect(object["bound"] as? String == text)
        #expect((object["key \(text)"] as? NSNumber)?.intValue == 1)
        #expect(object.count == 6)
    }

    @Test func valuesKeepTheirJSONTypes() throws {
        let sink = InMemoryLogSink()
        Logger(sink: sink).info(
            "types",
            ["i": 42, "neg": -7, "d": 0.25, "t": true, "f": false, "nan": .double(.nan), "inf": .double(.infinity)]
        )
        let line = try #require(sink.lines.first)
        let object = try #require(parseJSONObject(line))
        #expect((object["i"] as? NSNumber)?.intValue == 42)
        #expect((object["neg"] as? NSNumber)?.intValue == -7)
        #expect((object["d"] as? NSNumber)?.doubleValue == 0.25)
        #expect(object["t"] as? Bool == true)
        #expect(object["f"] as? Bool == false)
        #expect(object["nan"] as? String == "NaN")
        #expect(object["inf"] as? String == "+Inf")
    }

    @Test(arguments: LogLevel.allCases, LogLevel.allCases)
    func filtersBelowMinimumLevel(minimum: LogLevel, level: LogLevel) {
        let sink = InMemoryLogSink()
        Logger(sink: sink, minimumLevel: minimum).log(level, "m")
        #expect(sink.lines.count == (level >= minimum ? 1 : 0))
        #expect(Logger(sink: sink, minimumLevel: minimum).minimumLevel == minimum)
    }

    @Test func orderedFieldsPathAlsoFilters() {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, minimumLevel: .warning)
        logger.log(.info, "dropped", orderedFields: [("a", 1)])
        logger.log(.error, "kept", orderedFields: [("a", 1)])
        #expect(sink.entries().map { $0["msg"] } == ["kept"])
    }

    @Test func filteredCallsDoNotEvaluateMessageOrFields() {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, minimumLevel: .error)
        var evaluated = 0
        func message() -> String {
            evaluated += 1
            return "expensive"
        }
        func fields() -> [String: LogValue] {
            evaluated += 1
            return ["k": 1]
        }
        logger.debug(message(), fields())
        logger.info(message(), fields())
        logger.warning(message(), fields())
        logger.log(.info, message(), fields())
        #expect(evaluated == 0)
        logger.error(message(), fields())
        #expect(evaluated == 2)
    }

    @Test func minimumLevelIsMutable() {
        let sink = InMemoryLogSink()
        var logger = Logger(sink: sink)
        logger.debug("hidden")
        logger.minimumLevel = .debug
        logger.debug("shown")
        #expect(sink.entries().map { $0["msg"] } == ["shown"])
    }

    @Test(arguments: [
        (LogLevel.debug, "debug"), (.info, "info"), (.warning, "warning"), (.error, "error"),
    ])
    func convenienceMethodsWriteTheirLevel(level: LogLevel, name: String) throws {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, minimumLevel: .debug)
        switch level {
        case .debug: logger.debug("m", ["k": 1])
        case .info: logger.info("m", ["k": 1])
        case .warning: logger.warning("m", ["k": 1])
        case .error: logger.error("m", ["k": 1])
        }
        let entry = try #require(sink.entries().first)
        #expect(entry["level"] == name)
        #expect(entry["k"] == "1")
        #expect(sink.lines.count == 1)
    }

    @Test func defaultsAreInfoAndNoFields() {
        let logger = Logger()
        #expect(logger.minimumLevel == .info)
        #expect(logger.fields.isEmpty)
    }

    @Test func withAddsAndOverridesBoundFieldsWithoutChangingTheOriginal() throws {
        let sink = InMemoryLogSink()
        let base = Logger(sink: sink, fields: ["service": "gw", "region": "eu"])
        let scoped = base.with(["request_id": "r1", "region": "us"])
        #expect(scoped.fields == ["service": "gw", "region": "us", "request_id": "r1"])
        #expect(base.fields == ["service": "gw", "region": "eu"])

        scoped.info("m")
        base.info("m")
        let lines = sink.lines
        #expect(Self.withoutTimestamp(lines[0]) == #"","level":"info","msg":"m","region":"us","request_id":"r1","service":"gw"}"#)
        #expect(Self.withoutTimestamp(lines[1]) == #"","level":"info","msg":"m","region":"eu","service":"gw"}"#)
    }

    @Test func withKeepsSinkAndMinimumLevel() {
        let sink = InMemoryLogSink()
        let scoped = Logger(sink: sink, minimumLevel: .warning).with(["k": 1])
        scoped.info("dropped")
        scoped.warning("kept")
        #expect(scoped.minimumLevel == .warning)
        #expect(sink.entries().map { $0["msg"] } == ["kept"])
    }

    /// A call field replaces the bound field of the same key; the key appears once, in the call's position.
    @Test func callFieldsOverrideBoundFields() throws {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, fields: ["a": 2, "z": 1])
        logger.info("m", ["a": 9, "m": 0])
        let line = try #require(sink.lines.first)
        #expect(Self.withoutTimestamp(line) == #"","level":"info","msg":"m","z":1,"a":9,"m":0}"#)
    }

    @Test func orderedFieldsKeepTheirOrderAndOverrideBoundFields() throws {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, fields: ["a": 2, "status": "bound", "z": 1])
        logger.log(.info, "request", orderedFields: [("status", 200), ("path", "/x"), ("b", 1.5)])
        logger.log(.info, "request", orderedFields: [])
        let lines = sink.lines
        #expect(
            Self.withoutTimestamp(lines[0])
                == #"","level":"info","msg":"request","a":2,"z":1,"status":200,"path":"/x","b":1.5}"#
        )
        #expect(Self.withoutTimestamp(lines[1]) == #"","level":"info","msg":"request","a":2,"status":"bound","z":1}"#)
    }

    @Test func callWithoutFieldsWritesOnlyBoundFields() throws {
        let sink = InMemoryLogSink()
        Logger(sink: sink).info("bare")
        Logger(sink: sink, fields: ["k": "v"]).info("bound")
        #expect(Self.withoutTimestamp(sink.lines[0]) == #"","level":"info","msg":"bare"}"#)
        #expect(Self.withoutTimestamp(sink.lines[1]) == #"","level":"info","msg":"bound","k":"v"}"#)
    }

    @Test func flushFlushesTheSink() {
        let sink = RecordingSink()
        let logger = Logger(sink: sink)
        logger.info("m")
        #expect(sink.flushes == 0)
        logger.flush()
        #expect(sink.flushes == 1)
        #expect(sink.lines.count == 1)
    }
}
