import Foundation
import Testing
@testable import Gateway
import HTTPServer
import Observability
import TestSupport
import Emulator

/// `/v1/pipelines` end to end: gateway → AzureMLClient → the built-in emulator, all over loopback.
@Suite(.serialized) struct GatewayPipelinesTests {
    /// A pipeline with one typed parameter, for publishing in the emulator.
    static func pipeline(_ name: String) -> String {
        #"{"name":"\#(name)","parameters":{"epochs":{"default":"5","type":"Int","min":1,"max":100}}}"#
    }

    static func items(_ response: RawHTTPResponse) -> [[String: Any]] {
        response.json?["items"] as? [[String: Any]] ?? []
    }

    @Test func list_defaultsToActive_withDeclaredParameters() async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.get("/v1/pipelines")
            #expect(response.status == 200)
            let demo = try #require(Self.items(response).first { $0["name"] as? String == "MyRestPipeline" })
            #expect(demo["status"] as? String == "Active")
            #expect((demo["endpoint"] as? String)?.contains("/PipelineRuns/PipelineSubmit/") == true)
            let parameters = try #require(demo["parameters"] as? [[String: Any]])
            #expect(parameters.first?["name"] as? String == "input_string")
            #expect(parameters.first?["type"] as? String == "String")
            #expect(parameters.first?["default"] as? String == "default_input")
            #expect(parameters.first?["optional"] as? Bool == true)
            let dataPaths = try #require(demo["data_path_parameters"] as? [[String: Any]])
            #expect(dataPaths.first?["name"] as? String == "input_datapath")
            #expect((dataPaths.first?["default"] as? [String: Any])?["DataStoreName"] as? String == "workspaceblobstore")
            #expect(response.json?.keys.contains("next_cursor") == true)
        }
    }

    @Test func get_knownAndUnknown() async throws {
        try await GatewayHarness.with { gateway in
            let id = try await gateway.publish(Self.pipeline("typed"))
            let known = try await gateway.get("/v1/pipelines/\(id)")
            #expect(known.status == 200)
            let epochs = try #require((known.json?["parameters"] as? [[String: Any]])?.first)
            #expect(epochs["type"] as? String == "Int")
            #expect(epochs["min"] as? Double == 1)
            #expect(epochs["max"] as? Double == 100)
            let unknown = try await gateway.get("/v1/pipelines/no-such-pipeline")
            #expect(unknown.status == 404)
            #expect(unknown.header("Content-Type") == "application/problem+json")
            #expect((unknown.json?["detail"] as? String)?.contains("no-such-pipeline") == true)
        }
    }

    @Test func disableEnable_changeStatusAndListFilters() async throws {
        try await GatewayHarness.with { gateway in
            let id = try await gateway.publish(Self.pipeline("toggled"))
            let disabled = try await gateway.post("/v1/pipelines/\(id)/disable")
            #expect(disabled.status == 200)
            #expect(disabled.json?["status"] as? String == "Disabled")
            #expect(!Self.items(try await gateway.get("/v1/pipelines")).contains { $0["id"] as? String == id })
            #expect(Self.items(try await gateway.get("/v1/pipelines?status=Disabled")).contains { $0["id"] as? String == id })
            #expect(Self.items(try await gateway.get("/v1/pipelines?status=all")).contains { $0["id"] as? String == id })
            let enabled = try await gateway.post("/v1/pipelines/\(id)/enable")
            #expect(enabled.json?["status"] as? String == "Active")
            #expect(try await gateway.post("/v1/pipelines/nope/disable").status == 404)
        }
    }

    @Test func paging_limitAndCursor_visitEveryPipelineOnce() async throws {
        try await GatewayHarness.with { gateway in
            for name in ["a", "b", "c"] { _ = try await gateway.publish(Self.pipeline("page-\(name)")) }
            var seen: [String] = []
            var target = "/v1/pipelines?limit=2"
            while true {
                let response = try await gateway.get(target)
                #expect(response.status == 200)
                let items = Self.items(response)
                #expect(items.count <= 2)
                seen += items.compactMap { $0["id"] as? String }
                guard let cursor = response.json?["next_cursor"] as? String else { break }
                target = "/v1/pipelines?limit=2&cursor=\(cursor)"
            }
            #expect(seen.count == 4)
            #expect(Set(seen).count == 4)
        }
    }

    @Test(arguments: [("status=bogus", "status"), ("limit=0", "limit"), ("limit=501", "limit"), ("limit=x", "limit"), ("cursor=%%%", "cursor")])
    func badQuery_400NamingTheParameter(query: String, parameter: String) async throws {
        try await GatewayHarness.with { gateway in
            let response = try await gateway.get("/v1/pipelines?\(query)")
            #expect(response.status == 400)
            #expect(response.json?["parameter"] as? String == parameter)
            #expect((response.json?["detail"] as? String)?.contains("'\(parameter)'") == true)
        }
    }

    @Test func azureRefusal_502CarriesAzureCode() async throws {
        try await GatewayHarness.with { gateway in
            let fault = try await gateway.request("POST", "/emulator/faults", body: #"{"operation":"get_pipeline","status":400}"#, toEmulator: true)
            #expect(fault.status == 201)
            let response = try await gateway.get("/v1/pipelines/\(AzureMLEmulator.demoPipelineID)")
            #expect(response.status == 502)
            #expect(response.json?["azure_code"] != nil)
            #expect(response.json?["type"] as? String == "https://pipeline-gateway.dev/problems/upstream")
        }
    }

    @Test func throttledBeyondDeadline_503WithRetryAfter() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"list_pipelines","status":429,"retry_after":120,"count":5}"#)
            let response = try await gateway.get("/v1/pipelines")
            #expect(response.status == 503)
            #expect(Int(response.header("Retry-After") ?? "") ?? 0 >= 1)
        }
    }
}
