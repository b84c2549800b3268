import Emulator
import Foundation
import Testing

/// `GET /datastore/v1.0/{workspace}/datastores/{name}`: the datastore service's camelCase shape and
/// its lower-case error shape; `workspaceblobstore` is seeded.
@Suite struct DatastoreLookupTests {
    static let route = "/datastore/v1.0/subscriptions/\(AzureMLEmulator.subscriptionID)/resourceGroups/\(AzureMLEmulator.resourceGroup)"
        + "/providers/Microsoft.MachineLearningServices/workspaces/\(AzureMLEmulator.workspaceName)/datastores/"

    @Test func workspaceBlobStore_isSeededAsAzureBlob() async throws {
        try await withEmulator { h in
            let token = try await h.token()
            let response = try await h.send("GET", Self.route + "workspaceblobstore", headers: [("Authorization", "Bearer \(token)")])
            #expect(response.status == 200)
            let json = try #require(response.json)
            #expect(json["name"] as? String == "workspaceblobstore")
            #expect(json["dataStoreType"] as? String == "AzureBlob")
            let section = try #require(json["azureStorageSection"] as? [String: Any])
            #expect(section["accountName"] as? String == "emulatedaccount")
            #expect(section["containerName"] as? String == "workspaceblobstore")
            #expect(section["endpoint"] as? String == "core.windows.net")
            #expect(section["protocol"] as? String == "https")
            #expect(section["accountKey"] is NSNull, "no credential is ever served")
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var withToken: Bool
        var status: Int
        var code: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        .init(name: "unknown datastore", path: route + "nosuchstore", withToken: true, status: 404, code: "NotFound"),
        .init(name: "no token", path: route + "workspaceblobstore", withToken: false, status: 401, code: "AuthenticationFailed"),
        .init(
            name: "other workspace", path: route.replacingOccurrences(of: AzureMLEmulator.workspaceName, with: "other-ws") + "workspaceblobstore",
            withToken: true, status: 404, code: "WorkspaceNotFound"),
    ]

    @Test(arguments: refusals)
    func refusals_useTheLowercaseErrorShape(_ c: Refusal) async throws {
        try await withEmulator { h in
            let headers = c.withToken ? [("Authorization", "Bearer \(try await h.token())")] : []
            let response = try await h.send("GET", c.path, headers: headers)
            #expect(response.status == c.status)
            let error = try #require(response.json?["error"] as? [String: Any])
            #expect(error["code"] as? String == c.code)
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect((error["details"] as? [Any])?.isEmpty == true)
            #expect(response.json?["Error"] == nil)
        }
    }

    @Test func faults_applyToGetDatastore() async throws {
        try await withEmulator { h in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"get_datastore","status":503,"retry_after":1}"#)
            let token = try await h.token()
            let faulted = try await h.send("GET", Self.route + "workspaceblobstore", headers: [("Authorization", "Bearer \(token)")])
            #expect(faulted.status == 503)
            #expect(faulted.header("Retry-After") == "1")
            #expect((faulted.json?["error"] as? [String: Any])?["code"] as? String == "ServiceUnavailable")
            let normal = try await h.send("GET", Self.route + "workspaceblobstore", headers: [("Authorization", "Bearer \(token)")])
            #expect(normal.status == 200)
            let calls = try #require(try await h.admin("GET", "/calls").json?["items"] as? [[String: Any]])
            #expect(calls.filter { $0["operation"] as? String == "get_datastore" }.count == 2)
        }
    }
}
