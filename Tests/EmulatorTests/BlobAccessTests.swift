import Emulator
import Foundation
import Testing

/// What the Blob service demands before it lists or stores anything, and its faults: Storage's 401
/// codes and challenge, `x-ms-version`, the account and container, and injected failures in XML.
@Suite struct BlobAccessTests {
    static let list = EmulatorHarness.container + "?restype=container&comp=list"

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var headers: [(String, String)]
        var status: Int
        var code: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        .init(name: "no token", headers: [("x-ms-version", "2021-08-06")], status: 401, code: "NoAuthenticationInformation"),
        .init(
            name: "token never issued", headers: [("Authorization", "Bearer abc.def.ghi"), ("x-ms-version", "2021-08-06")],
            status: 401, code: "InvalidAuthenticationInfo"),
    ]

    @Test(arguments: refusals)
    func unauthenticated_401InStoragesShape(_ c: Refusal) async throws {
        try await withBlobEmulator { h, _ in
            for (method, target) in [("GET", Self.list), ("PUT", EmulatorHarness.container + "/x.csv")] {
                let response = try await h.send(method, target, headers: c.headers + [("x-ms-blob-type", "BlockBlob")], body: "x")
                #expect(response.status == c.status)
                #expect(response.storageErrorCode == c.code)
                #expect(response.header("x-ms-error-code") == c.code)
                #expect(response.header("WWW-Authenticate")?.contains("resource_id=https://storage.azure.com") == true)
            }
        }
    }

    @Test func missingOrOldVersion_is400() async throws {
        try await withBlobEmulator { h, _ in
            let token = try await h.token()
            let missing = try await h.blob("GET", Self.list, headers: [("Authorization", "Bearer \(token)")])
            #expect(missing.status == 400)
            #expect(missing.storageErrorCode == "MissingRequiredHeader")
            let old = try await h.blob("GET", Self.list, headers: [("Authorization", "Bearer \(token)"), ("x-ms-version", "2015-04-05")])
            #expect(old.status == 400)
            #expect(old.storageErrorCode == "InvalidHeaderValue")
        }
    }

    @Test func unknownContainerOrAccount_is404() async throws {
        try await withBlobEmulator { h, _ in
            let container = try await h.blob("GET", "/blob/emulatedaccount/nosuchcontainer?restype=container&comp=list")
            #expect(container.status == 404)
            #expect(container.storageErrorCode == "ContainerNotFound")
            let account = try await h.blob("GET", "/blob/otheraccount/workspaceblobstore?restype=container&comp=list")
            #expect(account.status == 404)
            #expect(account.storageErrorCode == "ResourceNotFound")
        }
    }

    @Test func injectedStatus_isAnsweredInStoragesXML() async throws {
        try await withBlobEmulator { h, _ in
            let added = try await h.admin("POST", "/faults", body: #"{"operation":"list_blobs","status":503,"retry_after":2}"#)
            #expect(added.status == 201)
            let faulted = try await h.blob("GET", Self.list)
            #expect(faulted.status == 503)
            #expect(faulted.header("Retry-After") == "2")
            #expect(faulted.header("Content-Type") == "application/xml")
            #expect(faulted.storageErrorCode == "ServiceUnavailable")
            #expect(try await h.blob("GET", Self.list).status == 200)
        }
    }

    @Test func injectedReset_onPutBlob_dropsTheConnection() async throws {
        try await withBlobEmulator { h, folder in
            _ = try await h.admin("POST", "/faults", body: #"{"operation":"put_blob","reset":true}"#)
            let token = try await h.token()
            let reset = try await h.sendExpectingReset(
                "PUT", EmulatorHarness.container + "/x.csv",
                headers: [("Authorization", "Bearer \(token)"), ("x-ms-version", "2021-08-06"), ("x-ms-blob-type", "BlockBlob")],
                body: "x")
            #expect(reset)
            #expect(folder.read("x.csv") == nil, "a reset fault answers before the blob is stored")
        }
    }

    @Test func callLog_namesTheBlobOperations() async throws {
        try await withBlobEmulator { h, _ in
            _ = try await h.putBlob("a.csv", "x")
            _ = try await h.listBlobs()
            let calls = try #require(try await h.admin("GET", "/calls").json?["items"] as? [[String: Any]])
            let operations = calls.compactMap { $0["operation"] as? String }.filter { $0 != "token" }
            #expect(operations == ["put_blob", "list_blobs"])
        }
    }
}
