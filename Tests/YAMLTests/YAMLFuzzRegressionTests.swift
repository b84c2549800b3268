import Foundation
import JSON
import Testing
import YAML

/// Replays the YAML fuzzer's seeds and every input it ever failed on (`Fuzz/seeds-yaml`,
/// `Fuzz/regressions-yaml`, filled by `scripts/fuzz.sh`) with the fuzzer's own properties: an error
/// has a 1-based position, and what is read, written by `YAMLWriter` and read again is unchanged.
@Suite struct YAMLFuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    static var inputs: [String] {
        ["regressions-yaml", "seeds-yaml"].flatMap { folder in
            let directory = fuzzDirectory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func seedsArePresent() {
        #expect(Self.inputs.contains { $0.hasPrefix("seeds-yaml/") })
    }

    @Test(arguments: inputs)
    func replay_whatIsReadIsWrittenAndReadBackUnchanged(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fuzzDirectory.appendingPathComponent(name)))
        let documents: [YAMLDocument]
        do {
            documents = try YAMLReader().documents(bytes)
        } catch {
            #expect(error.position.line >= 1 && error.position.column >= 1)
            return
        }
        for document in documents {
            let text = YAMLWriter.text(document.root)
            let reread = try YAMLReader().documents(Array(text.utf8))
            #expect(reread.map(\.root) == [document.root], "\(text)")
        }
    }
}
