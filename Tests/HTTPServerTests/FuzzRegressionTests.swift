import Foundation
import Testing
@testable import HTTPServer

/// Replays every input the fuzzer ever crashed on (and its seeds) with the fuzzer's own property:
/// whole, byte-at-a-time and split feeding must agree. Files are added by `scripts/fuzz.sh`.
@Suite struct FuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The fuzzer's small limits, so the replay reaches the same limit paths.
    static let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderSectionBytes: 512, maxHeaderFields: 8, maxBodyBytes: 1024)

    static var inputs: [String] {
        ["regressions", "seeds"].flatMap { folder in
            let directory = fuzzDirectory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func corpusIsPresent() {
        #expect(Self.inputs.contains { $0.hasPrefix("regressions/") })
        #expect(Self.inputs.contains { $0.hasPrefix("seeds/") })
    }

    @Test(arguments: inputs)
    func replay_feedingDoesNotChangeOutcome(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fuzzDirectory.appendingPathComponent(name)))
        let whole = ParserHarness.result(ParserHarness.allAtOnce(bytes), limits: Self.limits)
        #expect(ParserHarness.result(ParserHarness.byteByByte(bytes), limits: Self.limits) == whole)
        let half = max(1, bytes.count / 2)
        #expect(ParserHarness.result([Array(bytes[..<half]), Array(bytes[half...])], limits: Self.limits) == whole)
    }
}
