import Foundation
import Testing
@testable import Emulator

/// The emulator runs for as long as `serve` does, so its run history is bounded: the oldest go first.
@Suite struct RunHistoryCapacityTests {
    static func run(_ id: String, at date: Date) -> EmulatedRun {
        EmulatedRun(
            id: id, pipelineID: DemoPipeline.id, graphID: DemoPipeline.graphID, experimentName: "e", description: nil, runSource: "SDK",
            runType: .sdk, parameterAssignments: [:], dataPathAssignments: [:], dataSetAssignments: JSONObject(), tags: [:], properties: [:],
            scheduleID: nil, parentRunID: nil, continueOnStepFailure: nil, totalRunSteps: 1, createdBy: nil, createdAt: date,
            etag: "\"e\"", override: nil)
    }

    @Test func oldestRunsAreForgottenPastTheCapacity() throws {
        let now = Date()
        let registry = PipelineRegistry(runCapacity: 3)
        registry.publish(DemoPipeline.make(now: now))
        for index in 1...5 {
            _ = try registry.submit(pipelineID: DemoPipeline.id) { _ throws(AzureError) in Self.run("r\(index)", at: now) }
        }
        #expect(registry.run(id: "r1") == nil)
        #expect(registry.run(id: "r2") == nil)
        #expect(registry.runs(pipelineID: DemoPipeline.id).map(\.id) == ["r3", "r4", "r5"])
    }
}
