import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Every `/pipelines/v1.0/…` call the facade does not serve goes to the configured pipelines service
/// (here the built-in emulator) as sent, with the caller's own token, and its answer comes back.
@Suite(.serialized) struct SDKFacadePassThroughTests {
    @Test func aReadIsPassedThroughWithTheCallersToken_andTheAnswerComesBack() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let pipelines = try await gateway.facade("GET", "/Pipelines?activeOnly=true", token: token)
            #expect(pipelines.status == 200, "\(pipelines.bodyText)")
            #expect(GatewayHarness.array(pipelines).contains { $0["Id"] as? String == TriggerFixture.demoPipelineID })
            let calls = try await gateway.emulatorCalls("list_pipelines")
            #expect(calls.last?["query"] as? String == "activeOnly=true")
            // Azure's refusal of a caller without a token comes back as Azure said it.
            let anonymous = try await gateway.facade("GET", "/Pipelines?activeOnly=true", token: nil)
            #expect(anonymous.status == 401)
            #expect((anonymous.json?["Error"] as? [String: Any])?["Code"] as? String == "AuthenticationFailed")
        }
    }

    @Test func aWriteKeepsItsMethodBodyAndStatus() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            // The status PUT with the SDK's bare-string body.
            let disable = try await gateway.request(
                "PUT", GatewayHarness.workspacePath + "/Pipelines/\(TriggerFixture.demoPipelineID)/status", body: #""Disabled""#,
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json-patch+json; charset=utf-8"])
            #expect(disable.status == 200, "\(disable.bodyText)")
            let read = try await gateway.facade("GET", "/Pipelines/\(TriggerFixture.demoPipelineID)", token: token)
            #expect((read.json?["EntityStatus"] as? String).map { ["Disabled", "2"].contains($0) } ?? ((read.json?["EntityStatus"] as? Int) == 2), "\(read.bodyText)")
            let enable = try await gateway.request(
                "PUT", GatewayHarness.workspacePath + "/Pipelines/\(TriggerFixture.demoPipelineID)/status", body: #""Active""#,
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json-patch+json; charset=utf-8"])
            #expect(enable.status == 200)
            // Azure's own error answer (a duplicate DataType) keeps its status and PascalCase body.
            let duplicate = try await gateway.facade(
                "POST", "/DataTypes", body: #"{"Id":"AnyFile","Name":"AnyFile","Description":"AnyFile","IsDirectory":false,"ParentDataTypeIds":[]}"#,
                token: token)
            #expect((400...409).contains(duplicate.status), "\(duplicate.bodyText)")
            #expect(((duplicate.json?["Error"] as? [String: Any])?["Message"] as? String)?.contains("already exist") == true)
        }
    }

    @Test func theSubmitPathsStayServedByTheGateway() async throws {
        try await GatewayHarness.with { gateway in
            let submitted = try await gateway.post(TriggerFixture.azurePath, TriggerFixture.logicAppBody)
            #expect(submitted.status == 200, "\(submitted.bodyText)")
            let runs = try await gateway.get("/v1/runs?source=azure_path").json?["items"] as? [[String: Any]] ?? []
            #expect(runs.count == 1, "recorded in the ledger, not passed through blindly")
        }
    }
}
