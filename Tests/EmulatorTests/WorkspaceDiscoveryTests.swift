import Emulator
import Foundation
import Testing

/// The ARM workspace GET and the discovery document it points to: the first two calls of the SDK's
/// `Workspace(...)`, whose URLs must name the emulator as clients reach it.
@Suite struct WorkspaceDiscoveryTests {
    static let armPath = EmulatorHarness.scope + "?api-version=2022-05-01"

    @Test func workspace_hasDiscoveryURL_onTheBoundAddress() async throws {
        try await withEmulator { h in
            let response = try await h.authorized("GET", Self.armPath)
            #expect(response.status == 200, "\(response.bodyText)")
            let json = try #require(response.json)
            #expect(json["id"] as? String == AzureMLEmulator.workspaceResourcePath)
            #expect(json["name"] as? String == AzureMLEmulator.workspaceName)
            #expect((json["location"] as? String)?.isEmpty == false)
            let properties = try #require(json["properties"] as? [String: Any])
            #expect(properties["discoveryUrl"] as? String == "http://127.0.0.1:\(h.port)/discovery")
            let workspaceID = try #require(properties["workspaceId"] as? String)
            #expect(UUID(uuidString: workspaceID) != nil)
        }
    }

    @Test func workspaceID_isStableAcrossEmulators() async throws {
        var ids: [String] = []
        for _ in 0..<2 {
            try await withEmulator { h in
                let properties = try await h.authorized("GET", Self.armPath).json?["properties"] as? [String: Any]
                ids.append(try #require(properties?["workspaceId"] as? String))
            }
        }
        #expect(ids.count == 2 && ids[0] == ids[1])
    }

    @Test func workspace_needsAnIssuedToken_andAnswersInARMErrorShape() async throws {
        try await withEmulator { h in
            let anonymous = try await h.send("GET", Self.armPath)
            #expect(anonymous.status == 401)
            #expect(anonymous.lowercaseError?["code"] as? String == "AuthenticationFailed")
            #expect(anonymous.lowercaseError?["details"] as? [Any] != nil)
            #expect(anonymous.json?["Error"] == nil)
            let forged = try await h.send("GET", Self.armPath, headers: [("Authorization", "Bearer a.b.c")])
            #expect(forged.status == 401)
        }
    }

    @Test func workspace_otherWorkspaceIs404_missingAPIVersionIs400() async throws {
        try await withEmulator { h in
            let other = EmulatorHarness.scope.replacingOccurrences(of: "emulated-ws", with: "other-ws") + "?api-version=2022-05-01"
            let missing = try await h.authorized("GET", other)
            #expect(missing.status == 404)
            #expect(missing.lowercaseError?["code"] as? String == "WorkspaceNotFound")
            let noVersion = try await h.authorized("GET", EmulatorHarness.scope)
            #expect(noVersion.status == 400)
            #expect(noVersion.lowercaseError?["code"] as? String == "MissingApiVersionParameter")
        }
    }

    @Test func discovery_needsNoToken_andNamesTheEmulatorForAllSixKeys() async throws {
        try await withEmulator { h in
            let response = try await h.send("GET", "/discovery")
            #expect(response.status == 200, "\(response.bodyText)")
            let json = try #require(response.json as? [String: String])
            let base = "http://127.0.0.1:\(h.port)"
            for key in ["api", "experimentation", "history", "hyperdrive", "modelmanagement", "studio"] {
                #expect(json[key] == base, "\(key)")
            }
        }
    }

    @Test func publicURL_isUsedForEverySelfLink() async throws {
        let configuration = EmulatorConfiguration(publicURL: "https://ml.example.test/azure/")
        try await withEmulator(configuration) { h in
            let properties = try await h.authorized("GET", Self.armPath).json?["properties"] as? [String: Any]
            #expect(properties?["discoveryUrl"] as? String == "https://ml.example.test/azure/discovery")
            let discovery = try #require(try await h.send("GET", "/discovery").json as? [String: String])
            #expect(discovery.count == 6)
            #expect(discovery.values.allSatisfy { $0 == "https://ml.example.test/azure" })
            let pipeline = try await h.azure("GET", "/Pipelines/\(AzureMLEmulator.demoPipelineID)").json
            #expect((pipeline?["Url"] as? String)?.hasPrefix("https://ml.example.test/azure/pipelines/v1.0/subscriptions/") == true)
        }
    }

    @Test func calls_areRecordedUnderTheirOperationNames() async throws {
        try await withEmulator { h in
            _ = try await h.authorized("GET", Self.armPath)
            _ = try await h.send("GET", "/discovery")
            let calls = try await h.admin("GET", "/calls").json?["items"] as? [[String: Any]]
            let operations = (calls ?? []).compactMap { $0["operation"] as? String }
            #expect(operations.contains("get_workspace"))
            #expect(operations.contains("get_discovery"))
        }
    }
}
