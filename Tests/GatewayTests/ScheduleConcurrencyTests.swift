import Foundation
import Testing
@testable import Gateway
import TestSupport

/// `max_concurrent_runs`: fires beyond the cap wait, in order, as `Waiting` runs; each frees slot sends
/// the oldest; a restart keeps them waiting (never sends them on its own); disabling gives them up.
@Suite(.serialized) struct ScheduleConcurrencyTests {
    static func runs(_ gateway: GatewayHarness) async throws -> [[String: Any]] {
        let items = try await gateway.get("/v1/runs?schedule_id=s-1").json?["items"] as? [[String: Any]] ?? []
        return items.sorted { ($0["scheduled_time"] as? String ?? "") < ($1["scheduled_time"] as? String ?? "") }
    }

    static func statuses(_ runs: [[String: Any]]) -> [String] { runs.map { $0["status"] as? String ?? "?" } }

    /// Polls until `condition` holds on the schedule's runs (oldest first), at most `seconds`.
    static func waitForRuns(
        _ gateway: GatewayHarness, seconds: Double = 10, _ condition: ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        var runs: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            runs = try await Self.runs(gateway)
            if condition(runs) { return runs }
            try await Task.sleep(for: .milliseconds(100))
        }
        return runs
    }

    @Test func firesBeyondTheCapWaitInOrder_survivesARestart_andDisablingGivesThemUp() async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-cap-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        // Four occurrences are due at start (catchup all); the cap lets one run at a time.
        _ = try await ScheduleFiringTests.seed(dataDirectory, catchup: "all", maxConcurrentRuns: 1)
        let environment = ["GATEWAY_DATABASE": "sqlite:\(dataDirectory)/gateway.sqlite3"]
        try await GatewayHarness.with(environment: environment) { gateway in
            var runs = try await Self.waitForRuns(gateway) { runs in
                runs.count == 4 && runs.contains { $0["azure_run_id"] is String }
            }
            #expect(Self.statuses(runs).filter { $0 == "Waiting" }.count == 3, "\(runs)")
            // The oldest occurrence went first.
            let first = try #require(runs.first)
            let azureRunID = try #require(first["azure_run_id"] as? String, "\(runs)")
            #expect(try await gateway.emulatorCalls("submit").count == 1)

            // The cap holds while the first run is in progress, across release passes.
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await gateway.emulatorCalls("submit").count == 1)

            // The first run ends; reading it records that, and the next release pass sends the oldest waiting fire.
            try await gateway.setEmulatorRunStatus(azureRunID, "Finished")
            let firstID = try #require(first["id"] as? String)
            #expect(try await gateway.get("/v1/runs/\(firstID)").json?["status"] as? String == "Finished")
            runs = try await Self.waitForRuns(gateway) { runs in runs.count == 4 && runs[1]["azure_run_id"] is String }
            #expect(Self.statuses(runs) == ["Finished", Self.statuses(runs)[1], "Waiting", "Waiting"], "\(runs)")
            #expect(runs[1]["azure_run_id"] is String, "the second-oldest fire is sent next: \(runs)")
            #expect(try await gateway.emulatorCalls("submit").count == 2)
        }
        // A restart sends nothing on its own: the second run still holds the only slot.
        try await GatewayHarness.with(environment: environment) { gateway in
            try await Task.sleep(for: .milliseconds(2500))
            var runs = try await Self.runs(gateway)
            #expect(Self.statuses(runs).suffix(2) == ["Waiting", "Waiting"], "\(runs)")
            #expect(try await gateway.emulatorCalls("submit").isEmpty)

            // Disabling the schedule gives the waiting fires up: recorded Skipped with the reason, never sent.
            #expect(try await gateway.post("/v1/schedules/s-1/disable").status == 200)
            runs = try await Self.waitForRuns(gateway) { runs in Self.statuses(runs).suffix(2) == ["Skipped", "Skipped"] }
            #expect(Self.statuses(runs).suffix(2) == ["Skipped", "Skipped"], "\(runs)")
            #expect((runs.last?["error"] as? String)?.contains("disabled") == true, "\(runs)")
            #expect(try await gateway.emulatorCalls("submit").isEmpty)
        }
    }
}
