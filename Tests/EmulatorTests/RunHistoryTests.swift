import Emulator
import Foundation
import Testing
import TestSupport

/// The run-history subset behind the SDK's `PipelineRun`: experiments, runs by experiment name and
/// id, details, and the (empty) log listings, all in run history's camelCase and error shape.
@Suite struct RunHistoryTests {
    static func expectLowercaseError(_ response: RawHTTPResponse, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.bodyText)", sourceLocation: sourceLocation)
        let error = response.lowercaseError
        #expect(error?["code"] as? String == code, "\(response.bodyText)", sourceLocation: sourceLocation)
        #expect((error?["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(error?["details"] as? [Any] != nil, "details must be a list", sourceLocation: sourceLocation)
    }

    @Test func unknownExperiment_is404_thenPOSTCreatesIt() async throws {
        try await withEmulator { h in
            Self.expectLowercaseError(try await h.authorized("GET", h.rh + "/experiments/exp-new"), status: 404, code: "ExperimentNotFound")
            let created = try await h.authorized("POST", h.rh + "/experiments/exp-new")
            #expect(created.status == 200, "\(created.bodyText)")
            let id = try #require(created.json?["experimentId"] as? String)
            #expect(created.json?["name"] as? String == "exp-new")
            let fetched = try await h.authorized("GET", h.rh + "/experiments/exp-new")
            #expect(fetched.status == 200)
            #expect(fetched.json?["experimentId"] as? String == id)
            let again = try await h.authorized("POST", h.rh + "/experiments/exp-new")
            #expect(again.status == 200)
            #expect(again.json?["experimentId"] as? String == id, "creating twice answers the same experiment")
        }
    }

    @Test func createExperiment_refusesAnInvalidName() async throws {
        try await withEmulator { h in
            Self.expectLowercaseError(
                try await h.authorized("POST", h.rh + "/experiments/bad%20name"), status: 400, code: "InvalidExperimentName")
        }
    }

    @Test func submittedRun_isInRunHistory_byNameAndByExperimentID() async throws {
        try await withEmulator { h in
            let runID = try await h.submitRun(experiment: "exp-sdk")
            let experiment = try await h.authorized("GET", h.rh + "/experiments/exp-sdk")
            #expect(experiment.status == 200, "the submit created the experiment")
            let experimentID = try #require(experiment.json?["experimentId"] as? String)

            let byName = try await h.authorized("GET", h.rh + "/experiments/exp-sdk/runs/\(runID)")
            #expect(byName.status == 200, "\(byName.bodyText)")
            let run = try #require(byName.json)
            #expect(run["runId"] as? String == runID)
            #expect(run["rootRunId"] as? String == runID)
            #expect(run["runNumber"] as? Int == 1)
            #expect(run["experimentId"] as? String == experimentID)
            #expect(run["status"] as? String == "NotStarted")
            #expect(run["dataContainerId"] as? String == "dcid.\(runID)")
            #expect(run["runType"] as? String == "azureml.PipelineRun")
            #expect((run["properties"] as? [String: String])?["azureml.pipelineid"] == AzureMLEmulator.demoPipelineID)
            #expect((run["createdBy"] as? [String: Any])?["userName"] as? String == "gateway-client")

            let byID = try await h.authorized("GET", h.rh + "/experimentids/\(experimentID)/runs/\(runID)")
            #expect(byID.status == 200)
            #expect(byID.json?["runNumber"] as? Int == 1)
            #expect(byID.json?["runId"] as? String == runID)

            let second = try await h.submitRun(experiment: "exp-sdk")
            #expect(try await h.authorized("GET", h.rh + "/experiments/exp-sdk/runs/\(second)").json?["runNumber"] as? Int == 2)
        }
    }

    @Test func runOfAnotherExperiment_orUnknown_is404() async throws {
        try await withEmulator { h in
            let runID = try await h.submitRun(experiment: "exp-a")
            _ = try await h.authorized("POST", h.rh + "/experiments/exp-b")
            Self.expectLowercaseError(try await h.authorized("GET", h.rh + "/experiments/exp-b/runs/\(runID)"), status: 404, code: "RunNotFound")
            Self.expectLowercaseError(try await h.authorized("GET", h.rh + "/experiments/exp-a/runs/nope"), status: 404, code: "RunNotFound")
            Self.expectLowercaseError(
                try await h.authorized("GET", h.rh + "/experimentids/00000000-0000-0000-0000-000000000000/runs/\(runID)"),
                status: 404, code: "ExperimentNotFound")
        }
    }

    @Test func status_mirrorsThePipelineRun() async throws {
        try await withEmulator(EmulatorConfiguration(runSeconds: 30)) { h in
            let runID = try await h.submitRun(experiment: "exp-status")
            let path = h.rh + "/experiments/exp-status/runs/\(runID)"
            var run = try await h.authorized("GET", path).json
            #expect(run?["status"] as? String == "NotStarted")
            #expect(run?["startTimeUtc"] is NSNull)
            h.clock.advance(by: 10)
            run = try await h.authorized("GET", path).json
            #expect(run?["status"] as? String == "Running")
            #expect(run?["startTimeUtc"] is String)
            #expect(run?["endTimeUtc"] is NSNull)
            h.clock.advance(by: 20)
            run = try await h.authorized("GET", path).json
            #expect(run?["status"] as? String == "Finished")
            #expect(run?["endTimeUtc"] is String)
            #expect(run?["error"] is NSNull)
        }
    }

    @Test func failedRun_hasFailedStatus_andAnErrorInItsDetails() async throws {
        try await withEmulator { h in
            let runID = try await h.submitRun(experiment: "exp-fail")
            let set = try await h.admin("POST", "/runs/\(runID)/status", body: #"{"status":"Failed","detail":"step 1 failed"}"#)
            #expect(set.status == 200)
            let details = try await h.authorized("GET", h.rh + "/experiments/exp-fail/runs/\(runID)/details").json
            #expect(details?["status"] as? String == "Failed")
            let error = (details?["error"] as? [String: Any])?["error"] as? [String: Any]
            #expect(error?["message"] as? String == "step 1 failed")
        }
    }

    @Test func details_haveLogFiles_byNameAndByExperimentID() async throws {
        try await withEmulator { h in
            let runID = try await h.submitRun(experiment: "exp-details")
            let experimentID = try #require(try await h.authorized("GET", h.rh + "/experiments/exp-details").json?["experimentId"] as? String)
            for path in ["/experiments/exp-details/runs/\(runID)/details", "/experimentids/\(experimentID)/runs/\(runID)/details"] {
                let response = try await h.authorized("GET", h.rh + path)
                #expect(response.status == 200, "\(path): \(response.bodyText)")
                let json = try #require(response.json)
                #expect(json["runId"] as? String == runID)
                #expect(json["status"] as? String == "NotStarted")
                #expect(json["logFiles"] as? [String: String] == [:])
            }
        }
    }

    @Test func logListings_areEmpty_forAKnownContainer() async throws {
        try await withEmulator { h in
            let runID = try await h.submitRun(experiment: "exp-logs")
            let container = EmulatorHarness.artifacts + "/artifacts/prefix/contentinfo/ExperimentRun/dcid.\(runID)"
            for folder in ["user_logs", "system_logs"] {
                let response = try await h.authorized("GET", container + "/" + folder)
                #expect(response.status == 200, "\(response.bodyText)")
                #expect((response.json?["value"] as? [Any])?.isEmpty == true)
            }
            Self.expectLowercaseError(
                try await h.authorized("GET", EmulatorHarness.artifacts + "/artifacts/prefix/contentinfo/ExperimentRun/None/user_logs"),
                status: 404, code: "ContainerNotFound")
        }
    }

    @Test func runHistory_needsAToken_andAnswersAuthErrorsInItsOwnShape() async throws {
        try await withEmulator { h in
            Self.expectLowercaseError(try await h.send("GET", h.rh + "/experiments/x"), status: 401, code: "AuthenticationFailed")
            Self.expectLowercaseError(
                try await h.send("GET", EmulatorHarness.artifacts + "/artifacts/prefix/contentinfo/ExperimentRun/dcid.x/user_logs"),
                status: 401, code: "AuthenticationFailed")
        }
    }

    @Test func injectedFaults_useTheLowercaseShapeToo() async throws {
        try await withEmulator { h in
            let fault = try await h.admin("POST", "/faults", body: #"{"operation":"get_history_run","status":503,"retry_after":"1"}"#)
            #expect(fault.status == 201, "\(fault.bodyText)")
            let runID = try await h.submitRun(experiment: "exp-fault")
            let failed = try await h.authorized("GET", h.rh + "/experiments/exp-fault/runs/\(runID)")
            Self.expectLowercaseError(failed, status: 503, code: "ServiceUnavailable")
            #expect(failed.header("Retry-After") == "1")
            #expect(try await h.authorized("GET", h.rh + "/experiments/exp-fault/runs/\(runID)").status == 200)
        }
    }
}
