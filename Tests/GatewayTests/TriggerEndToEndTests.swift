import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Both trigger paths end to end: gateway → ledger → AzureMLClient → the built-in emulator.
@Suite(.serialized) struct TriggerEndToEndTests {
    @Test func logicAppBody_onV1Path_startsOneRunAndTheLedgerFollowsItToFinished() async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(response.status == 202, "\(response.bodyText)")
            let run = try #require(response.json)
            let id = try #require(run["id"] as? String)
            #expect(response.header("Location") == "/v1/runs/\(id)")
            #expect(run["source"] as? String == "api")
            #expect(run["experiment_name"] as? String == "MyRestPipeline")
            #expect((run["parameter_assignments"] as? [String: Any])?["input_string"] as? String == "sample_string3")
            let azureRunID = try #require(run["azure_run_id"] as? String)

            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 1)
            let sent = try #require(submits.first?["body"] as? [String: Any])
            #expect((sent["tags"] as? [String: Any])?["gateway_run_id"] as? String == id)
            #expect(sent["RunSource"] as? String == "SDK")
            #expect((sent["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "sample_string3")

            let metrics = try await gateway.get("/metrics")
            #expect(metrics.bodyText.contains(#"gateway_runs_total{source="api",outcome="accepted"} 1"#))

            try await gateway.setEmulatorRunStatus(azureRunID, "Finished")
            let followed = try await gateway.get("/v1/runs/\(id)")
            #expect(followed.status == 200)
            #expect(followed.json?["status"] as? String == "Finished")
        }
    }

    @Test func logicAppBody_onAzurePath_answersLikeAzure() async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.post(TriggerFixture.azurePath, TriggerFixture.logicAppBody)
            #expect(response.status == 200, "\(response.bodyText)")
            let azureRunID = try #require(response.json?["Id"] as? String)
            let runs = try await gateway.get("/v1/runs?source=azure_path")
            let items = runs.json?["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["azure_run_id"] as? String == azureRunID)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func dryRun_showsTheExactBodyAndSendsNothing() async throws {
        try await GatewayHarness.with { gateway in
            let body = #"{"ExperimentName":"MyRestPipeline","ParameterAssignments":{"input_string":1.50},"tags":{"team":"ml"}}"#
            let response = try await gateway.post(TriggerFixture.v1Path + "?dry_run=true", body)
            #expect(response.status == 200, "\(response.bodyText)")
            #expect(response.json?["valid"] as? Bool == true)
            let wouldSend = try #require(response.json?["would_send"] as? [String: Any])
            #expect(wouldSend["RunSource"] as? String == "SDK")
            #expect((wouldSend["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "1.50")
            let tags = try #require(wouldSend["tags"] as? [String: Any])
            #expect(tags["team"] as? String == "ml")
            #expect(tags["gateway_run_id"] is String)
            #expect(try await gateway.emulatorCalls("submit").isEmpty)
            let ledger = try await gateway.get("/v1/runs")
            #expect((ledger.json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badInput_eachGetsItsProblem_andNothingReachesAzure() async throws {
        try await GatewayHarness.with { gateway in
            let unknownKey = try await gateway.post(TriggerFixture.v1Path, #"{"ExperimentName":"e","ParameterAssigments":{}}"#)
            #expect(unknownKey.status == 400)
            #expect(unknownKey.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            #expect(Self.pointers(unknownKey).contains("/ParameterAssigments"))

            let unknownParameter = try await gateway.post(TriggerFixture.v1Path, #"{"ExperimentName":"e","ParameterAssignments":{"nope":"1"}}"#)
            #expect(unknownParameter.status == 422)
            #expect(Self.pointers(unknownParameter).contains("/ParameterAssignments/nope"))

            let notJSON = try await gateway.request(
                "POST", TriggerFixture.v1Path, body: TriggerFixture.logicAppBody, headers: ["Content-Type": "text/plain"])
            #expect(notJSON.status == 415)

            let truncated = try await gateway.post(TriggerFixture.v1Path, #"{"ExperimentName":"e","#)
            #expect(truncated.status == 400)
            #expect(truncated.bodyText.contains("byte"))

            let notObject = try await gateway.post(TriggerFixture.v1Path, "[1,2]")
            #expect(notObject.status == 400)

            let unknownPipeline = try await gateway.post("/v1/pipelines/no-such-pipeline/runs", TriggerFixture.logicAppBody)
            #expect(unknownPipeline.status == 404)

            let badKey = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": String(repeating: "k", count: 256)])
            #expect(badKey.status == 400)
            #expect(badKey.bodyText.contains("Idempotency-Key"))

            for value in ["maybe", ""] {
                let badDryRun = try await gateway.post(TriggerFixture.v1Path + "?dry_run=\(value)", TriggerFixture.logicAppBody)
                #expect(badDryRun.status == 400, "dry_run=\(value)")
            }

            #expect(try await gateway.emulatorCalls("submit").isEmpty)
        }
    }

    @Test func hostileBodies_areRefusedWithTheirReason() async throws {
        try await GatewayHarness.with { gateway in
            let invalidUTF8 = try RawHTTPClient(port: gateway.port, timeout: 10)
            let bytes: [UInt8] = Array(#"{"ExperimentName":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
            try await invalidUTF8.send(Array("POST \(TriggerFixture.v1Path) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n\r\n".utf8) + bytes)
            let utf8Answer = try await invalidUTF8.readResponse()
            #expect(utf8Answer.status == 400)
            #expect(utf8Answer.bodyText.contains("UTF-8"))

            let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
            let nested = try await gateway.post(TriggerFixture.v1Path, #"{"ExperimentName":"e","DataSetDefinitionValueAssignments":"# + deep + "}")
            #expect(nested.status == 400)
            #expect(nested.bodyText.contains("deep") || nested.bodyText.contains("nest"))

            let oversized = try await gateway.post(TriggerFixture.v1Path, #"{"ExperimentName":"e","Description":""# + String(repeating: "x", count: 1_100_000) + #""}"#)
            #expect(oversized.status == 413)

            let empty = try await gateway.post(TriggerFixture.v1Path, "")
            #expect(empty.status == 400)
            #expect(try await gateway.emulatorCalls("submit").isEmpty)
        }
    }

    @Test func manyProblems_areAllReportedAtOnce() async throws {
        try await GatewayHarness.with { gateway in
            let body = #"{"ExperimentName":"-bad name","ParameterAssignments":{"a":[1]},"DataPathAssignments":{"d":{"DataStoreName":"","RelativePath":"/abs"}},"Extra":1}"#
            let response = try await gateway.post(TriggerFixture.v1Path, body)
            #expect(response.status == 400)
            let pointers = Self.pointers(response)
            #expect(pointers.count >= 5, "\(pointers)")
            #expect(pointers.contains("/ExperimentName"))
            #expect(pointers.contains("/Extra"))
        }
    }

    @Test func disabledPipeline_isAConflict() async throws {
        try await GatewayHarness.with { gateway in
            let disabled = try await gateway.post("/v1/pipelines/\(TriggerFixture.demoPipelineID)/disable")
            #expect(disabled.status == 200)
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(response.status == 409)
            #expect(try await gateway.emulatorCalls("submit").isEmpty)
        }
    }

    @Test func azurePathErrors_useAzuresShape() async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.post(TriggerFixture.azurePath, #"{"ExperimentName":"e","ParameterAssignments":{"nope":"1"}}"#)
            #expect(response.status == 422)
            let error = try #require(response.json?["Error"] as? [String: Any])
            #expect(error["Code"] is String)
            #expect(error["Message"] is String)
            let details = try #require(error["Details"] as? [[String: Any]])
            #expect(details.contains { $0["Target"] as? String == "/ParameterAssignments/nope" })
        }
    }

    @Test func azurePath_forAnotherWorkspace_isNotFound() async throws {
        try await GatewayHarness.with { gateway in
            let other = TriggerFixture.azurePath.replacingOccurrences(of: "/workspaces/emulated-ws/", with: "/workspaces/someone-elses/")
            let response = try await gateway.post(other, TriggerFixture.logicAppBody)
            #expect(response.status == 404)
            #expect((response.json?["Error"] as? [String: Any])?["Code"] as? String == "NotFound")
            let differentCase = TriggerFixture.azurePath.replacingOccurrences(of: "/resourceGroups/emulated-rg/", with: "/resourceGroups/Emulated-RG/")
            #expect(try await gateway.post(differentCase, TriggerFixture.logicAppBody).status == 200)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    static func pointers(_ response: RawHTTPResponse) -> [String] {
        (response.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
    }
}

@Suite struct TriggerContentTypeTests {
    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("Application/JSON", true),
        (" application/json ;charset=utf-8", true), ("application/json-patch+json; charset=utf-8", true), ("application/problem+json", true),
        ("", false), ("text/plain", false), ("application/jsonx", false), ("application/+json", false), ("text/json", false),
        ("application/xml", false), ("json", false),
    ])
    func jsonMediaTypes(value: String, accepted: Bool) {
        #expect(TriggerHandler.isJSONMediaType(value) == accepted)
    }
}
