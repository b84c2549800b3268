import Foundation
import Testing
@testable import JSON

/// Replays the JSON fuzzer's seeds and every input it ever failed on (`Fuzz/seeds-json`,
/// `Fuzz/regressions-json`, filled by `scripts/fuzz.sh`) with the fuzzer's own properties.
@Suite struct JSONFuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static var inputs: [String] {
        ["regressions-json", "seeds-json"].flatMap { folder in
            let directory = fuzzDirectory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func seedsArePresent() {
        #expect(Self.inputs.contains { $0.hasPrefix("seeds-json/") })
    }

    @Test(arguments: inputs)
    func replay_acceptedDocumentsRoundTrip(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fuzzDirectory.appendingPathComponent(name)))
        do {
            let node = try JSONParser().parse(bytes)
            var writer = JSONWriter()
            writer.write(node)
            let reparsed = try JSONParser().parse(writer.bytes)
            #expect(reparsed == node)
            var again = JSONWriter()
            again.write(reparsed)
            #expect(again.bytes == writer.bytes)
        } catch {
            #expect((0...bytes.count).contains(error.byteOffset))
        }
    }
}
