import Emulator
import Foundation
import Testing

/// `GET /emulator/calls` lists every call on the emulated surfaces, oldest first.
@Suite struct CallLogTests {
    @Test func calls_recordOperationMethodPathAndBody() async throws {
        try await withEmulator { h in
            _ = try await h.submit(#"{"ExperimentName":"logged","ParameterAssignments":{"input_string":"hi"}}"#)
            let response = try await h.admin("GET", "/calls")
            #expect(response.status == 200)
            let items = try #require(response.json?["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["operation"] as? String } == ["token", "submit"])
            let token = try #require(items.first)
            #expect(token["method"] as? String == "POST")
            #expect((token["body"] as? String)?.hasPrefix("grant_type=client_credentials") == true, "a form body is kept as text")
            let submit = try #require(items.last)
            #expect(submit["path"] as? String == h.ws + "/PipelineRuns/PipelineSubmit/\(AzureMLEmulator.demoPipelineID)")
            let body = try #require(submit["body"] as? [String: Any])
            #expect(body["ExperimentName"] as? String == "logged")
            #expect((submit["time"] as? String)?.hasSuffix("Z") == true)
        }
    }

    @Test func calls_includeRefusedAndFaultedCalls_andFilterByOperation() async throws {
        try await withEmulator { h in
            _ = try await h.send("GET", h.ws + "/Pipelines?activeOnly=true")
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"get_pipeline","status":500}"#)
            _ = try await h.azure("GET", "/Pipelines/x")
            let all = try #require(try await h.admin("GET", "/calls").json?["items"] as? [[String: Any]])
            #expect(all.compactMap { $0["operation"] as? String } == ["list_pipelines", "token", "get_pipeline"])
            #expect(all.first?["query"] as? String == "activeOnly=true")
            #expect(all.first?["body"] is NSNull)
            let filtered = try #require(try await h.admin("GET", "/calls?operation=get_pipeline").json?["items"] as? [Any])
            #expect(filtered.count == 1)
            #expect(try await h.admin("GET", "/calls?operation=bogus").status == 400)
            #expect(try await h.admin("DELETE", "/calls").status == 204)
            #expect((try await h.admin("GET", "/calls").json?["items"] as? [Any])?.isEmpty == true)
        }
    }
}
