import Foundation
import Testing
@testable import Gateway
import Storage
import TestSupport

/// Azure failing around a submit, driven through the emulator's fault injection: the caller gets the
/// right status, the ledger the right state, and Azure never gets a run twice.
@Suite(.serialized) struct TriggerFaultTests {
    @Test func azureRefusing_isA502_andTheRunIsSubmitFailed() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":400}"#)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(response.status == 502)
            let runID = try #require(response.json?["run_id"] as? String)
            let run = try await gateway.get("/v1/runs/\(runID)")
            #expect(run.json?["status"] as? String == "SubmitFailed")
            #expect(run.json?["error"] is String)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func throttledOnce_isRetried_andAccepted() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":429,"retry_after":1}"#)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(response.status == 202, "\(response.bodyText)")
            #expect(try await gateway.emulatorCalls("submit").count == 2)
            #expect(try await gateway.get("/v1/runs").json?["items"] as? [Any] != nil)
        }
    }

    @Test func throttledPastTheRetries_isA503WithRetryAfter() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":503,"retry_after":1,"count":20}"#)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(response.status == 503)
            #expect(response.header("Retry-After") != nil)
        }
    }

    @Test func answerLostAfterAzureAccepted_findsTheRunByItsTag_withoutResubmitting() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":500,"after_accept":true}"#)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(response.status == 202, "\(response.bodyText)")
            #expect(response.json?["azure_run_id"] is String)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func outcomeUnknown_staysSubmitting_thenIsSettledWithoutASecondRun() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":500,"after_accept":true,"count":2}"#)
            // A refused read (not retried, not counted by the circuit breaker) leaves the outcome unknown.
            try await gateway.injectFault(#"{"operation":"list_pipeline_runs","status":400,"count":5}"#)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect([502, 504].contains(response.status), "\(response.bodyText)")
            let runID = try #require(response.json?["run_id"] as? String)
            #expect(try await gateway.get("/v1/runs/\(runID)").json?["status"] as? String == "Submitting")

            _ = try await gateway.request("DELETE", "/emulator/faults", toEmulator: true)
            await gateway.app.ledger.reconcile()
            let settled = try await gateway.get("/v1/runs/\(runID)")
            #expect(settled.json?["azure_run_id"] is String)
            #expect(settled.json?["status"] as? String != "Submitting")
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func anUnresolvedSubmit_isSettledByTheNextBackgroundPass_notThePeriodicOne() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"submit","status":500,"after_accept":true}"#)
            try await gateway.injectFault(#"{"operation":"list_pipeline_runs","status":400,"count":1}"#)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect([502, 504].contains(response.status), "\(response.bodyText)")
            let runID = try #require(response.json?["run_id"] as? String)
            // No manual reconcile: the background pass (every 2 s) settles it well before the 30 s one.
            var settled: [String: Any]?
            for _ in 0..<80 {
                settled = try await gateway.get("/v1/runs/\(runID)").json
                if settled?["azure_run_id"] is String { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(settled?["azure_run_id"] is String, "\(settled ?? [:])")
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func killedBetweenRecordingAndForwarding_theRunIsSentOnceAtRestart() async throws {
        let runID = UUID().uuidString.lowercased()
        let body = #"{"ExperimentName":"MyRestPipeline","ParameterAssignments":{"input_string":"x"},"RunSource":"SDK","tags":{"gateway_run_id":"\#(runID)"}}"#
        try await GatewayHarness.with(prepare: { dataDirectory in
            // What a gateway killed right after recording leaves behind.
            let store = try SQLiteStore(path: "\(dataDirectory)/gateway.sqlite3")
            defer { store.close() }
            let record = RunRecord(
                id: runID, pipelineID: TriggerFixture.demoPipelineID, experimentName: "MyRestPipeline", source: "api",
                status: "Submitting", parameterAssignments: #"{"input_string":"x"}"#, submission: Array(body.utf8), createdAt: Date())
            _ = try await store.insertRun(record, idempotency: nil)
        }) { gateway in
            var settled = false
            for _ in 0..<200 where !settled {
                settled = (try await gateway.get("/v1/runs/\(runID)")).json?["azure_run_id"] is String
                if !settled { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(settled)
            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 1)
            #expect(((submits.first?["body"] as? [String: Any])?["tags"] as? [String: Any])?["gateway_run_id"] as? String == runID)
        }
    }
}
