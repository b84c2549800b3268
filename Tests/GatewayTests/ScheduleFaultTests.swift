import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Azure faults while a schedule fires: a throttled or lost answer is retried or found by its tag
/// (one submission), a refusal is recorded `SubmitFailed` with Azure's reason — never sent twice.
@Suite(.serialized) struct ScheduleFaultTests {
    /// An hourly schedule without `start_time` fires once at creation.
    static let firesAtCreation = #"{"name":"now","pipeline_id":"\#(TriggerFixture.demoPipelineID)","experiment_name":"faults","pipeline_parameters":{"input_string":"x"},"recurrence":{"frequency":"Hour","interval":1}}"#

    /// Creates the schedule, waits for its fire to settle (not `Submitting`); returns the run and the schedule.
    static func fire(_ gateway: GatewayHarness) async throws -> (run: [String: Any], schedule: [String: Any]) {
        let created = try await gateway.post("/v1/schedules", firesAtCreation)
        #expect(created.status == 201, "\(created.bodyText)")
        let id = try #require(created.json?["id"] as? String)
        var run: [String: Any] = [:]
        var schedule: [String: Any] = [:]
        for _ in 0..<150 {
            run = (try await gateway.get("/v1/schedules/\(id)/runs").json?["items"] as? [[String: Any]])?.first ?? [:]
            schedule = try await gateway.get("/v1/schedules/\(id)").json ?? [:]
            if let status = run["status"] as? String, status != "Submitting", schedule["last_outcome"] is String { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return (run, schedule)
    }

    @Test func throttledOnce_theFireIsRetried_andSubmittedOnce() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":429,"retry_after":1}"#)
            let (run, schedule) = try await Self.fire(gateway)
            #expect(run["azure_run_id"] is String, "\(run)")
            #expect(schedule["last_outcome"] as? String == run["status"] as? String)
            // The throttled attempt (refused, so not processed) and the one Azure accepted.
            #expect(try await gateway.emulatorCalls("submit").count == 2)
        }
    }

    @Test func refused_isRecordedSubmitFailedWithAzuresReason() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":400}"#)
            let (run, schedule) = try await Self.fire(gateway)
            #expect(run["status"] as? String == "SubmitFailed", "\(run)")
            #expect((run["error"] as? String)?.isEmpty == false, "\(run)")
            #expect(run["azure_run_id"] is NSNull)
            #expect(schedule["last_outcome"] as? String == "SubmitFailed")
            #expect(try await gateway.emulatorCalls("submit").count == 1, "a refusal is not retried")
        }
    }

    @Test func answerLostAfterAzureAccepted_isFoundByItsTag_notSentAgain() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":500,"after_accept":true}"#)
            let (run, _) = try await Self.fire(gateway)
            #expect(run["azure_run_id"] is String, "\(run)")
            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 1, "\(submits.count) submissions")
        }
    }

    @Test func unavailablePastTheRetries_isRecordedSubmitFailed_notLeftHanging() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":503,"retry_after":1,"count":20}"#)
            let (run, schedule) = try await Self.fire(gateway)
            #expect(run["status"] as? String == "SubmitFailed", "\(run)")
            #expect((run["error"] as? String)?.contains("503") == true || (run["error"] as? String)?.isEmpty == false, "\(run)")
            #expect(schedule["last_outcome"] as? String == "SubmitFailed")
            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count > 1, "503 is retried within the deadline")
        }
    }
}
