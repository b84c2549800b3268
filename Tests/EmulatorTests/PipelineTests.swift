import Emulator
import Foundation
import Testing

/// Published pipelines on Azure's paths, in Azure's shapes.
@Suite struct PipelineTests {
    /// Whether `text` looks like `2026-11-25T10:11:12.1234567+00:00`.
    static func isAzureDate(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00/#) != nil
    }

    @Test func list_isPlainArrayWithTheDemoPipeline() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/Pipelines?activeOnly=true")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let items = try #require(response.jsonArray as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["Id"] as? String == AzureMLEmulator.demoPipelineID)
            #expect(items.first?["Name"] as? String == "MyRestPipeline")
        }
    }

    @Test func get_hasEveryPipelineEntityKey() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/Pipelines/\(AzureMLEmulator.demoPipelineID)")
            #expect(response.status == 200)
            let json = try #require(response.json)
            let keys: Set<String> = [
                "Id", "Name", "Description", "Version", "Url", "GraphId", "TotalRunSteps", "ParameterAssignments",
                "DataSetDefinitionValueAssignments", "ContinueRunOnStepFailure", "EnableNotification", "Properties",
                "EntityStatus", "Etag", "CreatedDate", "LastModifiedDate",
            ]
            #expect(Set(json.keys) == keys)
            #expect(json["EntityStatus"] as? Int == 0)
            #expect(json["Url"] as? String == "http://127.0.0.1:\(h.port)\(h.ws)/PipelineRuns/PipelineSubmit/\(AzureMLEmulator.demoPipelineID)")
            #expect((json["ParameterAssignments"] as? [String: String]) == ["input_string": "default_input"])
            let dataSets = try #require(json["DataSetDefinitionValueAssignments"] as? [String: Any])
            let literal = (dataSets["input_datapath"] as? [String: Any])?["LiteralValue"] as? [String: String]
            #expect(literal == ["DataStoreName": "workspaceblobstore", "RelativePath": "input/sample.csv"])
            #expect(Self.isAzureDate(json["CreatedDate"] as? String))
            #expect(Self.isAzureDate(json["LastModifiedDate"] as? String))
            #expect((json["Etag"] as? String)?.hasPrefix("\"") == true)
        }
    }

    @Test func get_unknownPipeline_404PipelineNotFound() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/Pipelines/nope")
            #expect(response.status == 404)
            #expect(response.errorCode == "PipelineNotFound")
        }
    }

    @Test(arguments: [
        ("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/emulated-rg", "SubscriptionNotFound"),
        ("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg", "ResourceGroupNotFound"),
    ])
    func wrongScope_404(_ prefix: String, _ code: String) async throws {
        try await withEmulator { h in
            let token = try await h.token()
            let path = "/pipelines/v1.0\(prefix)/providers/Microsoft.MachineLearningServices/workspaces/emulated-ws/Pipelines"
            let response = try await h.send("GET", path, headers: [("Authorization", "Bearer \(token)")])
            #expect(response.status == 404)
            #expect(response.errorCode == code)
        }
    }

    @Test func wrongWorkspace_404WorkspaceNotFound() async throws {
        try await withEmulator { h in
            let token = try await h.token()
            let path = h.ws.replacingOccurrences(of: "emulated-ws", with: "other-ws") + "/Pipelines"
            let response = try await h.send("GET", path, headers: [("Authorization", "Bearer \(token)")])
            #expect(response.status == 404)
            #expect(response.errorCode == "WorkspaceNotFound")
        }
    }

    @Test func unknownPath_404InAzureShape() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/NoSuchCollection")
            #expect(response.status == 404)
            #expect(response.errorCode == "NotFound")
        }
    }

    @Test func enumsAsNames_whenConfigured() async throws {
        try await withEmulator(EmulatorConfiguration(enumsAsIntegers: false)) { h in
            let pipeline = try await h.azure("GET", "/Pipelines/\(AzureMLEmulator.demoPipelineID)")
            #expect(pipeline.json?["EntityStatus"] as? String == "Active")
            let run = try await h.submit(#"{"ExperimentName":"names"}"#)
            let json = try #require(run.json)
            #expect((json["Status"] as? [String: Any])?["StatusCode"] as? String == "NotStarted")
            #expect(json["RunType"] as? String == "HTTP")
            #expect(json["UploadState"] as? String == "Completed")
            #expect(json["EntityStatus"] as? String == "Active")
        }
    }

    @Test func enumsAsIntegers_byDefault() async throws {
        try await withEmulator { h in
            let run = try await h.submit(#"{"ExperimentName":"ints","RunType":"SDK"}"#)
            let json = try #require(run.json)
            #expect((json["Status"] as? [String: Any])?["StatusCode"] as? Int == 0)
            #expect(json["RunType"] as? Int == 1)
            #expect(json["UploadState"] as? Int == 1)
            #expect(json["EntityStatus"] as? Int == 0)
        }
    }

    @Test func publicURL_isUsedForSelfLinks() async throws {
        try await withEmulator(EmulatorConfiguration(publicURL: "https://aml.example.test/prefix/")) { h in
            let json = try #require(try await h.azure("GET", "/Pipelines/\(AzureMLEmulator.demoPipelineID)").json)
            #expect(json["Url"] as? String == "https://aml.example.test/prefix\(h.ws)/PipelineRuns/PipelineSubmit/\(AzureMLEmulator.demoPipelineID)")
            #expect(h.emulator.baseURL == "https://aml.example.test/prefix")
        }
    }

    @Test(arguments: [("\"Disabled\"", 2), ("\"Deprecated\"", 1), ("\"Active\"", 0), ("\"disabled\"", 2), ("2", 2)])
    func statusPut_validBody_200EmptyAndApplied(_ body: String, _ code: Int) async throws {
        try await withEmulator { h in
            let put = try await h.azure("PUT", "/Pipelines/\(AzureMLEmulator.demoPipelineID)/status", body: body,
                                        contentType: "application/json-patch+json; charset=utf-8")
            #expect(put.status == 200)
            #expect(put.body.isEmpty)
            let json = try #require(try await h.azure("GET", "/Pipelines/\(AzureMLEmulator.demoPipelineID)").json)
            #expect(json["EntityStatus"] as? Int == code)
        }
    }

    @Test(arguments: ["Disabled", "\"Paused\"", "{\"status\":\"Active\"}", "", "7", "null"])
    func statusPut_invalidBody_400(_ body: String) async throws {
        try await withEmulator { h in
            let put = try await h.azure("PUT", "/Pipelines/\(AzureMLEmulator.demoPipelineID)/status", body: body)
            #expect(put.status == 400)
            #expect(put.errorCode == "InvalidEntityStatus")
        }
    }

    @Test func statusPut_unknownPipeline_404() async throws {
        try await withEmulator { h in
            let put = try await h.azure("PUT", "/Pipelines/missing/status", body: "\"Disabled\"")
            #expect(put.status == 404)
            #expect(put.errorCode == "PipelineNotFound")
        }
    }

    @Test func activeOnly_filtersDisabledPipelines() async throws {
        try await withEmulator { h in
            _ = try await h.azure("PUT", "/Pipelines/\(AzureMLEmulator.demoPipelineID)/status", body: "\"Disabled\"")
            let active = try await h.azure("GET", "/Pipelines?activeOnly=true")
            #expect(active.jsonArray?.count == 0)
            let all = try await h.azure("GET", "/Pipelines?activeOnly=false")
            #expect(all.jsonArray?.count == 1)
            let bad = try await h.azure("GET", "/Pipelines?activeOnly=maybe")
            #expect(bad.status == 400)
        }
    }

    @Test func graphInterface_declaresParametersAndDataPaths() async throws {
        try await withEmulator { h in
            let pipeline = try #require(try await h.azure("GET", "/Pipelines/\(AzureMLEmulator.demoPipelineID)").json)
            let graphID = try #require(pipeline["GraphId"] as? String)
            let response = try await h.azure("GET", "/Graphs/\(graphID)/Interface")
            #expect(response.status == 200)
            let json = try #require(response.json)
            let parameters = try #require(json["Parameters"] as? [[String: Any]])
            #expect(parameters.count == 1)
            let p = try #require(parameters.first)
            #expect(p["Name"] as? String == "input_string")
            #expect(p["DefaultValue"] as? String == "default_input")
            #expect(p["IsOptional"] as? Bool == true)
            #expect(p["Type"] as? String == "String")
            #expect((p["MinMaxRules"] as? [Any])?.isEmpty == true)
            #expect((p["EnumRules"] as? [Any])?.isEmpty == true)
            #expect(p.keys.contains("Documentation"))
            let dataPaths = try #require(json["DataPathParameters"] as? [[String: Any]])
            let d = try #require(dataPaths.first)
            #expect(d["Name"] as? String == "input_datapath")
            #expect(d["DefaultValue"] as? [String: String] == ["DataStoreName": "workspaceblobstore", "RelativePath": "input/sample.csv"])
            #expect(d["IsOptional"] as? Bool == true)
            #expect(d["DataTypeId"] as? String == "AnyFile")
            let unknown = try await h.azure("GET", "/Graphs/nope/Interface")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "GraphNotFound")
        }
    }

    @Test func seedDemoOff_startsEmpty() async throws {
        try await withEmulator(EmulatorConfiguration(seedDemo: false)) { h in
            let response = try await h.azure("GET", "/Pipelines?activeOnly=false")
            #expect(response.jsonArray?.count == 0)
        }
    }
}
