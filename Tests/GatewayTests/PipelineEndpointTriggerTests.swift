import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Pipeline endpoints through the gateway: the `/v1/pipeline-endpoints` resources, triggering one
/// (its default or a pinned version, validated against that version's pipeline), the ledger fields
/// it records, and the drop-in `PipelineEndpointSubmit` path.
@Suite(.serialized) struct PipelineEndpointTriggerTests {
    @Test func listAndGet_showTheDemoEndpointWithItsVersions() async throws {
        try await GatewayHarness.with { gateway in
            _ = try await gateway.createEndpoint(#"{"id":"ep-off","name":"off","pipelines":["\#(EndpointFixture.demoPipelineID)"],"status":"Disabled"}"#)
            let list = try await gateway.get("/v1/pipeline-endpoints")
            #expect(list.status == 200, "\(list.bodyText)")
            let items = try #require(list.json?["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [EndpointFixture.demoEndpointID], "active ones by default")
            let all = try await gateway.get("/v1/pipeline-endpoints?status=all")
            #expect((all.json?["items"] as? [Any])?.count == 2)
            #expect(try await gateway.get("/v1/pipeline-endpoints?status=nope").status == 400)

            let one = try await gateway.get("/v1/pipeline-endpoints/\(EndpointFixture.demoEndpointID)")
            #expect(one.status == 200)
            let json = try #require(one.json)
            #expect(json["name"] as? String == "MyRestPipelineEndpoint")
            #expect(json["status"] as? String == "Active")
            #expect(json["default_version"] as? String == "0")
            #expect(json["versions"] as? [[String: String]] == [["version": "0", "pipeline_id": EndpointFixture.demoPipelineID]])
            #expect((json["endpoint"] as? String)?.hasSuffix("/PipelineRuns/PipelineEndpointSubmit/Id/\(EndpointFixture.demoEndpointID)") == true)
            let missing = try await gateway.get("/v1/pipeline-endpoints/no-such-endpoint")
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        }
    }

    @Test func trigger_defaultVersion_recordsEndpointAndVersion_andForwardsThroughTheEndpoint() async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.post(EndpointFixture.runsPath(EndpointFixture.demoEndpointID), TriggerFixture.logicAppBody)
            #expect(response.status == 202, "\(response.bodyText)")
            let run = try #require(response.json)
            let id = try #require(run["id"] as? String)
            #expect(run["pipeline_endpoint_id"] as? String == EndpointFixture.demoEndpointID)
            #expect(run["pipeline_version"] as? String == "0", "the default version it was validated against")
            #expect(run["pipeline_id"] as? String == EndpointFixture.demoPipelineID)
            #expect(run["azure_run_id"] is String)
            #expect(try await gateway.emulatorCalls("submit").isEmpty, "not PipelineSubmit")
            let submits = try await gateway.emulatorCalls("submit_endpoint")
            #expect(submits.count == 1)
            #expect((submits.first?["path"] as? String)?.hasSuffix("/PipelineEndpointSubmit/Id/\(EndpointFixture.demoEndpointID)/0") == true)
            let sent = try #require(submits.first?["body"] as? [String: Any])
            #expect((sent["tags"] as? [String: Any])?["gateway_run_id"] as? String == id)
            let stored = try await gateway.get("/v1/runs/\(id)")
            #expect(stored.json?["pipeline_endpoint_id"] as? String == EndpointFixture.demoEndpointID)
            #expect(stored.json?["pipeline_version"] as? String == "0")
            let byEndpoint = try await gateway.get("/v1/runs?pipeline_endpoint_id=\(EndpointFixture.demoEndpointID)")
            #expect((byEndpoint.json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let otherEndpoint = try await gateway.get("/v1/runs?pipeline_endpoint_id=no-such-endpoint")
            #expect((otherEndpoint.json?["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func trigger_pinnedVersion_isValidatedAgainstThatVersionsPipeline() async throws {
        try await GatewayHarness.with { gateway in
            let (endpoint, second) = try await gateway.twoVersionEndpoint()
            let path = EndpointFixture.runsPath(endpoint) + "?version=1"
            let notAnInt = try await gateway.post(path, #"{"ExperimentName":"e","ParameterAssignments":{"epochs":"many"}}"#)
            #expect(notAnInt.status == 422, "\(notAnInt.bodyText)")
            #expect(EndpointFixture.pointers(notAnInt) == ["/ParameterAssignments/epochs"])
            let otherVersionsParameter = try await gateway.post(path, #"{"ExperimentName":"e","ParameterAssignments":{"input_string":"x"}}"#)
            #expect(otherVersionsParameter.status == 422)
            #expect(EndpointFixture.pointers(otherVersionsParameter) == ["/ParameterAssignments/input_string"])
            let epochsOnDefault = try await gateway.post(EndpointFixture.runsPath(endpoint), #"{"ExperimentName":"e","ParameterAssignments":{"epochs":"5"}}"#)
            #expect(epochsOnDefault.status == 422, "the default version (the demo pipeline) declares no 'epochs'")

            let accepted = try await gateway.post(path, #"{"ExperimentName":"e","ParameterAssignments":{"epochs":5}}"#)
            #expect(accepted.status == 202, "\(accepted.bodyText)")
            #expect(accepted.json?["pipeline_id"] as? String == second)
            #expect(accepted.json?["pipeline_version"] as? String == "1")
            let submits = try await gateway.emulatorCalls("submit_endpoint")
            #expect(submits.count == 1, "nothing invalid reached Azure")
            #expect((submits.first?["path"] as? String)?.hasSuffix("/Id/\(endpoint)/1") == true)
        }
    }

    @Test func unknownEndpoint404_disabledEndpoint409_unknownVersion404() async throws {
        try await GatewayHarness.with { gateway in
            let unknown = try await gateway.post(EndpointFixture.runsPath("no-such-endpoint"), TriggerFixture.logicAppBody)
            #expect(unknown.status == 404, "\(unknown.bodyText)")
            let off = try await gateway.createEndpoint(#"{"id":"ep-off","name":"off","pipelines":["\#(EndpointFixture.demoPipelineID)"],"status":"Disabled"}"#)
            let disabled = try await gateway.post(EndpointFixture.runsPath(off), TriggerFixture.logicAppBody)
            #expect(disabled.status == 409, "\(disabled.bodyText)")
            #expect(disabled.bodyText.contains("Disabled"))
            let version = try await gateway.post(EndpointFixture.runsPath(EndpointFixture.demoEndpointID) + "?version=7", TriggerFixture.logicAppBody)
            #expect(version.status == 404, "\(version.bodyText)")
            #expect(version.json?["versions"] as? String == "0", "the versions it has are named")
            let empty = try await gateway.post(EndpointFixture.runsPath(EndpointFixture.demoEndpointID) + "?version=", TriggerFixture.logicAppBody)
            #expect(empty.status == 400)
            #expect(empty.json?["parameter"] as? String == "version")
            #expect(try await gateway.emulatorCalls("submit_endpoint").isEmpty)
            #expect((try await gateway.get("/v1/runs").json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func retry_ofAnEndpointRun_goesThroughTheSameEndpointAndVersion() async throws {
        try await GatewayHarness.with { gateway in
            let (endpoint, second) = try await gateway.twoVersionEndpoint()
            let first = try await gateway.post(EndpointFixture.runsPath(endpoint) + "?version=1", #"{"ExperimentName":"e","ParameterAssignments":{"epochs":2}}"#)
            let id = try #require(first.json?["id"] as? String)
            let retried = try await gateway.post("/v1/runs/\(id)/retry")
            #expect(retried.status == 202, "\(retried.bodyText)")
            #expect(retried.json?["id"] as? String != id)
            #expect(retried.json?["pipeline_endpoint_id"] as? String == endpoint)
            #expect(retried.json?["pipeline_version"] as? String == "1")
            #expect(retried.json?["pipeline_id"] as? String == second)
            let submits = try await gateway.emulatorCalls("submit_endpoint")
            #expect(submits.count == 2)
            #expect(submits.allSatisfy { ($0["path"] as? String)?.hasSuffix("/Id/\(endpoint)/1") == true })
        }
    }

    @Test func dryRun_showsTheBody_andSendsNothing() async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.post(
                EndpointFixture.runsPath(EndpointFixture.demoEndpointID) + "?dry_run=true&version=0", TriggerFixture.logicAppBody)
            #expect(response.status == 200, "\(response.bodyText)")
            #expect(response.json?["valid"] as? Bool == true)
            let wouldSend = try #require(response.json?["would_send"] as? [String: Any])
            #expect(wouldSend["ExperimentName"] as? String == "MyRestPipeline")
            #expect(try await gateway.emulatorCalls("submit_endpoint").isEmpty)
            #expect((try await gateway.get("/v1/runs").json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func idempotencyKey_repeat_getsTheFirstAnswer_andSubmitsOnce() async throws {
        try await GatewayHarness.with { gateway in
            let path = EndpointFixture.runsPath(EndpointFixture.demoEndpointID)
            let first = try await gateway.post(path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "ep-key-1"])
            #expect(first.status == 202, "\(first.bodyText)")
            let again = try await gateway.post(path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "ep-key-1"])
            #expect(again.status == 202)
            #expect(again.header("Idempotent-Replayed") == "true")
            #expect(again.json?["id"] as? String == first.json?["id"] as? String)
            let otherVersion = try await gateway.post(path + "?version=0", #"{"ExperimentName":"other"}"#, headers: ["Idempotency-Key": "ep-key-1"])
            #expect(otherVersion.status == 422, "the same key with another request")
            #expect(try await gateway.emulatorCalls("submit_endpoint").count == 1)
        }
    }

    @Test func dropInPath_answersLikeAzure_withTheVersionInPathAndQuery() async throws {
        try await GatewayHarness.with { gateway in
            let (endpoint, second) = try await gateway.twoVersionEndpoint()
            let byDefault = try await gateway.post(EndpointFixture.azurePath(endpoint), #"{"ExperimentName":"sdk-exp","RunSource":"SDK"}"#)
            #expect(byDefault.status == 200, "\(byDefault.bodyText)")
            let azureRunID = try #require(byDefault.json?["Id"] as? String)
            #expect(byDefault.json?["PipelineId"] as? String == EndpointFixture.demoPipelineID)

            let pinned = try await gateway.post(
                EndpointFixture.azurePath(endpoint, version: "1") + "?pipelineVersion=1", #"{"ExperimentName":"sdk-exp","ParameterAssignments":{"epochs":"2"}}"#)
            #expect(pinned.status == 200, "\(pinned.bodyText)")
            #expect(pinned.json?["PipelineId"] as? String == second)

            let runs = try await gateway.get("/v1/runs?source=azure_path")
            let items = runs.json?["items"] as? [[String: Any]] ?? []
            #expect(items.count == 2)
            #expect(items.contains { $0["azure_run_id"] as? String == azureRunID && $0["pipeline_endpoint_id"] as? String == endpoint })

            let mismatch = try await gateway.post(EndpointFixture.azurePath(endpoint, version: "1") + "?pipelineVersion=0", #"{"ExperimentName":"e"}"#)
            #expect(mismatch.status == 400)
            #expect((mismatch.json?["Error"] as? [String: Any])?["Code"] is String, "Azure's error shape")
            let invalid = try await gateway.post(EndpointFixture.azurePath(endpoint, version: "1"), #"{"ExperimentName":"e","ParameterAssignments":{"epochs":"0"}}"#)
            #expect(invalid.status == 422)
            #expect(EndpointFixture.pointers(invalid) == ["/ParameterAssignments/epochs"])
            let unknownVersion = try await gateway.post(EndpointFixture.azurePath(endpoint, version: "9"), #"{"ExperimentName":"e"}"#)
            #expect(unknownVersion.status == 404)
            #expect((unknownVersion.json?["Error"] as? [String: Any])?["Code"] as? String == "NotFound")
            #expect(try await gateway.emulatorCalls("submit_endpoint").count == 2)
        }
    }
}
