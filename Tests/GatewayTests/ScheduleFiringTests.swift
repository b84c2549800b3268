import Foundation
import Testing
@testable import Gateway
import Storage
import TestSupport

/// Stored schedules fire through the ledger: after downtime the catchup policy decides, each
/// occurrence is recorded once, and a restart never fires it again.
@Suite(.serialized) struct ScheduleFiringTests {
    /// A 15-minute schedule whose start is two hours before the last quarter hour, last fired an hour after its start.
    static func seed(_ dataDirectory: String, catchup: String, maxConcurrentRuns: Int? = nil) async throws -> (base: Date, store: String) {
        let path = "\(dataDirectory)/gateway.sqlite3"
        let quarter = floor(Date().timeIntervalSince1970 / 900) * 900
        let base = Date(timeIntervalSince1970: quarter - 7200)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        let definition = ScheduleDefinition(
            experimentName: "scheduled", pipelineParameters: ["input_string": "from-schedule"], dataPathAssignments: [:],
            recurrence: .init(frequency: "Minute", interval: 15, startTime: formatter.string(from: base), timeZone: "UTC"),
            catchup: catchup, overlapPolicy: "allow", maxConcurrentRuns: maxConcurrentRuns)
        let store = try SQLiteStore(path: path)
        defer { store.close() }
        try await store.insertSchedule(ScheduleRecord(
            id: "s-1", name: "every-15", pipelineID: TriggerFixture.demoPipelineID, status: "Active", definition: definition.encoded(),
            createdAt: base, lastFireAt: base.addingTimeInterval(3600)))
        return (base, path)
    }

    static func scheduleRuns(_ gateway: GatewayHarness) async throws -> [[String: Any]] {
        try await gateway.get("/v1/runs?schedule_id=s-1").json?["items"] as? [[String: Any]] ?? []
    }

    @Test func disablingAPipelineThatAnActiveScheduleUses_isAConflictNamingIt() async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-sched-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        _ = try await Self.seed(dataDirectory, catchup: "none")
        try await GatewayHarness.with(environment: ["GATEWAY_DATABASE": "sqlite:\(dataDirectory)/gateway.sqlite3"]) { gateway in
            let refused = try await gateway.post("/v1/pipelines/\(TriggerFixture.demoPipelineID)/disable")
            #expect(refused.status == 409)
            #expect(refused.json?["schedule_ids"] as? String == "s-1")
            #expect(refused.bodyText.contains("every-15"))
            #expect(try await gateway.emulatorCalls("set_pipeline_status").isEmpty)
            // Another pipeline is not held back.
            let other = try await gateway.publish(#"{"name":"unscheduled"}"#)
            #expect(try await gateway.post("/v1/pipelines/\(other)/disable").status == 200)
        }
    }

    @Test func afterDowntime_latestFiresTheNewestMissedTime_andRecordsTheRestMissed() async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-sched-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let (base, _) = try await Self.seed(dataDirectory, catchup: "latest")
        let environment = ["GATEWAY_DATABASE": "sqlite:\(dataDirectory)/gateway.sqlite3"]
        try await GatewayHarness.with(environment: environment) { gateway in
            var runs: [[String: Any]] = []
            for _ in 0..<100 {
                runs = try await Self.scheduleRuns(gateway)
                if runs.count == 4, runs.contains(where: { $0["azure_run_id"] is String }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let formatter = ISO8601DateFormatter()
            let byTime = Dictionary(uniqueKeysWithValues: runs.compactMap { run -> (Date, String)? in
                guard let text = run["scheduled_time"] as? String, let time = formatter.date(from: String(text.prefix(19)) + "Z") else { return nil }
                return (time, run["status"] as? String ?? "")
            })
            let newest = base.addingTimeInterval(7200)
            #expect(Set(byTime.keys) == Set([4500.0, 5400, 6300, 7200].map { base.addingTimeInterval($0) }), "\(runs)")
            #expect(byTime[newest] != "Missed")
            #expect(byTime.filter { $0.value == "Missed" }.count == 3)
            #expect(runs.allSatisfy { $0["source"] as? String == "schedule" })
            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 1)
            #expect(((submits.first?["body"] as? [String: Any])?["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "from-schedule")
        }
        // A restart on the same database fires none of those times again.
        try await GatewayHarness.with(environment: environment) { gateway in
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await Self.scheduleRuns(gateway).count == 4)
            #expect(try await gateway.emulatorCalls("submit").isEmpty)
        }
    }
}
