import Foundation
import Storage

/// A fresh database file in its own temporary directory, removed by `cleanUp()`.
struct TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("gateway.sqlite3").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

enum Sample {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func run(_ id: String = UUID().uuidString.lowercased(), pipeline: String = "p1", status: String = "Submitting", at: Date = t0)
        -> RunRecord
    {
        RunRecord(
            id: id, pipelineID: pipeline, experimentName: "MyRestPipeline", source: "api", status: status,
            parameterAssignments: #"{"input_string":"a"}"#, dataPathAssignments: "{}", submission: Array(#"{"ExperimentName":"MyRestPipeline"}"#.utf8),
            createdAt: at
        )
    }
}
