import Foundation
import Testing

@testable import Observability

/// The access-log fast path: fields written straight into bytes must give the same JSON a reader expects.
@Suite struct LogLineFieldsTests {
    @Test func fields_inOrderAfterBoundFields_parseBack() throws {
        let sink = InMemoryLogSink()
        let logger = Logger(sink: sink, fields: ["component": "access"])
        logger.log(.info, "request") { line in
            line.add("path", "/a \"quoted\"\npath")
            line.add("status", 204)
            line.add("duration_ms", millisecondsFromSeconds: 0.000243)
        }
        let text = try #require(sink.lines.first)
        #expect(text.contains(#""msg":"request","component":"access","path":"#))
        let object = try #require(parseJSONObject(text))
        #expect(object["path"] as? String == "/a \"quoted\"\npath")
        #expect((object["status"] as? NSNumber)?.intValue == 204)
        #expect(text.contains(#""duration_ms":0.243"#))
    }

    @Test(arguments: [
        (0.0, "0.000"), (0.0012345, "1.235"), (1.5, "1500.000"), (-1.0, "0.000"), (Double.nan, "0.000"), (0.0000004, "0.000"),
    ])
    func milliseconds_fixedThreeDecimals(seconds: Double, expected: String) throws {
        let sink = InMemoryLogSink()
        Logger(sink: sink).log(.info, "m") { $0.add("d", millisecondsFromSeconds: seconds) }
        #expect(try #require(sink.lines.first).hasSuffix("\"d\":\(expected)}"))
    }

    @Test func belowMinimumLevel_buildsNothing() {
        let sink = InMemoryLogSink()
        var built = false
        Logger(sink: sink, minimumLevel: .warning).log(.info, "m") { _ in built = true }
        #expect(!built)
        #expect(sink.lines.isEmpty)
    }

    @Test func fileDescriptorSink_utf8Lines_arriveWhole() throws {
        let capture = try PipeCapture()
        do {
            let sink = FileDescriptorLogSink(fileDescriptor: capture.writeEnd)
            sink.write(utf8: Array(#"{"a":1}"#.utf8))
            sink.write(#"{"b":2}"#)
            sink.flush()
        }
        #expect(capture.finish() == "{\"a\":1}\n{\"b\":2}\n")
    }
}

@Suite struct JSONTextTests {
    @Test(arguments: ["plain", "quote \" backslash \\ newline \n tab \t", "\u{0}\u{1F}", "é 🚀"])
    func quote_parsesBackToTheSameString(_ text: String) throws {
        let quoted = JSONText.quote(text)
        let parsed = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
        #expect(parsed == text)
    }
}
