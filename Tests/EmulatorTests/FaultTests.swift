import Emulator
import Foundation
import Testing

/// `POST /emulator/faults`: the next `count` calls of an operation are delayed and/or answered with
/// a status; `after_accept` records a submit's run and still fails the answer.
@Suite struct FaultTests {
    static let demo = AzureMLEmulator.demoPipelineID

    @Test func status_withRetryAfter_thenNormalOnceConsumed() async throws {
        try await withEmulator { h in
            let added = try await h.admin("POST", "/faults", body: #"{"operation":"get_pipeline","status":429,"retry_after":2,"count":2}"#)
            #expect(added.status == 201)
            #expect(added.json?["operation"] as? String == "get_pipeline")
            #expect(added.json?["count"] as? Int == 2)
            for _ in 0..<2 {
                let faulted = try await h.azure("GET", "/Pipelines/\(Self.demo)")
                #expect(faulted.status == 429)
                #expect(faulted.header("Retry-After") == "2")
                #expect(faulted.errorCode == "TooManyRequests")
            }
            let normal = try await h.azure("GET", "/Pipelines/\(Self.demo)")
            #expect(normal.status == 200)
        }
    }

    @Test func otherOperations_areNotAffected() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"submit","status":503}"#)
            #expect(try await h.azure("GET", "/Pipelines/\(Self.demo)").status == 200)
            #expect(try await h.submit(#"{"ExperimentName":"e"}"#).status == 503)
            #expect(try await h.submit(#"{"ExperimentName":"e"}"#).status == 200)
        }
    }

    @Test func delay_postponesTheNormalAnswer() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"list_pipelines","delay_ms":300}"#)
            let start = ContinuousClock.now
            let response = try await h.azure("GET", "/Pipelines?activeOnly=true")
            let elapsed = ContinuousClock.now - start
            #expect(response.status == 200)
            #expect(elapsed >= .milliseconds(300))
            let again = ContinuousClock.now
            _ = try await h.azure("GET", "/Pipelines?activeOnly=true")
            #expect(ContinuousClock.now - again < .milliseconds(300))
        }
    }

    @Test func delay_thenStatus() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"get_run","delay_ms":100,"status":504}"#)
            let id = try #require(try await h.submit(#"{"ExperimentName":"e"}"#).json?["Id"] as? String)
            let start = ContinuousClock.now
            let response = try await h.azure("GET", "/PipelineRuns/\(id)")
            #expect(response.status == 504)
            #expect(ContinuousClock.now - start >= .milliseconds(100))
        }
    }

    @Test func afterAccept_recordsTheRunButFailsTheAnswer() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"submit","status":500,"after_accept":true}"#)
            let response = try await h.submit(#"{"ExperimentName":"ambiguous","tags":{"idempotency":"k1"}}"#)
            #expect(response.status == 500)
            #expect(response.errorCode == "InternalServerError")
            let runs = try #require(try await h.azure("GET", "/PipelineRuns/Pipeline/\(Self.demo)").jsonArray as? [[String: Any]])
            #expect(runs.count == 1)
            #expect(runs.first?["tags"] as? [String: String] == ["idempotency": "k1"])
        }
    }

    @Test func afterAccept_invalidSubmit_stillRefusedAndNothingRecorded() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"submit","status":500,"after_accept":true}"#)
            let response = try await h.submit(#"{"ExperimentName":"bad name"}"#)
            #expect(response.status == 400)
            #expect(try await h.azure("GET", "/PipelineRuns/Pipeline/\(Self.demo)").jsonArray?.count == 0)
        }
    }

    @Test func wildcard_hitsTokenEndpointsInAADShape() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"*","status":503,"retry_after":"1"}"#)
            let response = try await h.send("GET", "/msi/token?resource=r&api-version=2019-08-01", headers: [("X-IDENTITY-HEADER", "x")])
            #expect(response.status == 503)
            #expect(response.json?["error"] as? String == "temporarily_unavailable")
            #expect(response.header("Retry-After") == "1")
            #expect(try await h.token().isEmpty == false)
        }
    }

    @Test func reset_dropsTheConnectionWithoutAnAnswer() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"get_pipeline","reset":true}"#)
            let token = try await h.token()
            let dropped = try await h.sendExpectingReset(
                "GET", h.ws + "/Pipelines/\(Self.demo)", headers: [("Authorization", "Bearer \(token)")])
            #expect(dropped)
            #expect(try await h.azure("GET", "/Pipelines/\(Self.demo)").status == 200)
        }
    }

    @Test func resetAfterAccept_isTheAmbiguousSubmit() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"submit","reset":true,"after_accept":true}"#)
            let token = try await h.token()
            let dropped = try await h.sendExpectingReset(
                "POST", h.ws + "/PipelineRuns/PipelineSubmit/\(Self.demo)",
                headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                body: #"{"ExperimentName":"lost-answer"}"#)
            #expect(dropped)
            let runs = try #require(try await h.azure("GET", "/PipelineRuns/Pipeline/\(Self.demo)").jsonArray as? [[String: Any]])
            #expect(runs.compactMap { $0["RunHistoryExperimentName"] as? String } == ["lost-answer"])
        }
    }

    @Test func clear_removesPendingFaults() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"get_pipeline","status":500,"count":5}"#)
            #expect((try await h.admin("GET", "/faults").json?["items"] as? [Any])?.count == 1)
            #expect(try await h.admin("DELETE", "/faults").status == 204)
            #expect(try await h.azure("GET", "/Pipelines/\(Self.demo)").status == 200)
        }
    }

    @Test(arguments: [
        #"{"status":500}"#,
        #"{"operation":"get_everything","status":500}"#,
        #"{"operation":"submit","status":99}"#,
        #"{"operation":"submit","status":500,"count":0}"#,
        #"{"operation":"submit","delay_ms":-1}"#,
        #"{"operation":"submit"}"#,
        #"{"operation":"get_run","status":500,"after_accept":true}"#,
        #"{"operation":"submit","after_accept":true,"delay_ms":5}"#,
        #"{"operation":"submit","status":500,"reset":"yes"}"#,
        #"{"operation":"submit","status":429,"retry_after":-3}"#,
        "[]",
    ])
    func invalidFault_400(_ body: String) async throws {
        try await withEmulator { h in
            let response = try await h.admin("POST", "/faults", body: body)
            #expect(response.status == 400, "\(body)")
            #expect(response.errorCode == "InvalidFault")
        }
    }
}
