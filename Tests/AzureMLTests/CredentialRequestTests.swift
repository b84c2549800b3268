import AzureML
import Foundation
import HTTPServer
import Synchronization
import TestSupport
import Testing

@Suite("Credential requests against a stub identity endpoint")
struct CredentialRequestTests {
    static let scope = "https://management.azure.com/.default"
    /// Characters that would break a naively built form body.
    static let secret = "s3cr3t&scope=evil+x/y%z"

    static func tokenRouter(
        path: String, method: HTTPMethod = .POST, recorder: RequestRecorder,
        answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            StubAzure.json(#"{"token_type":"Bearer","expires_in":3599,"access_token":"issued-token"}"#)
        }
    ) -> Router {
        var router = Router()
        router.on(method, path) { request in
            recorder.record(request)
            return answer(request)
        }
        return router
    }

    @Test func clientSecret_postsTheClientCredentialsForm() async throws {
        let recorder = RequestRecorder()
        try await withTestServer(router: Self.tokenRouter(path: "/tenant-1/oauth2/v2.0/token", recorder: recorder)) { port, _ in
            let credential = ClientSecretCredential(
                tenantID: "tenant-1", clientID: "client-1", clientSecret: Self.secret,
                authorityHost: URL(string: "http://127.0.0.1:\(port)/")!,
                wallClock: { Date(timeIntervalSince1970: 1_000) }
            )
            let token = try await credential.token(for: Self.scope)
            #expect(token.token == "issued-token")
            #expect(token.expiresOn == Date(timeIntervalSince1970: 1_000 + 3599))
        }
        let request = try #require(recorder.all.first)
        #expect(recorder.count == 1)
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["User-Agent"] == "pipeline-gateway/0.1.0")
        #expect(UUID(uuidString: request.headers["x-ms-client-request-id"] ?? "") != nil)
        #expect(
            request.formFields == [
                "grant_type": "client_credentials", "client_id": "client-1", "client_secret": Self.secret, "scope": Self.scope,
            ]
        )
    }

    @Test func clientSecret_refusal_reportsTheEndpointsWords_butNeverTheSecret() async throws {
        let recorder = RequestRecorder()
        let router = Self.tokenRouter(path: "/tenant-1/oauth2/v2.0/token", recorder: recorder) { request in
            // A hostile or buggy endpoint echoing what it received.
            let echoed = request.formFields["client_secret"] ?? ""
            return StubAzure.json(
                #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided: \#(echoed)"}"#,
                status: 401
            )
        }
        try await withTestServer(router: router) { port, _ in
            let credential = ClientSecretCredential(
                tenantID: "tenant-1", clientID: "client-1", clientSecret: Self.secret,
                authorityHost: URL(string: "http://127.0.0.1:\(port)")!
            )
            let error = await #expect(throws: AzureMLError.self) { try await credential.token(for: Self.scope) }
            #expect(error?.code == .credential)
            #expect(error?.statusCode == 401)
            #expect(error?.azureCode == "invalid_client")
            #expect(error?.message.contains("AADSTS7000215") == true)
            #expect(error?.isRetryable == false)
            #expect(!String(describing: error).contains(Self.secret))
            #expect(!String(describing: credential).contains(Self.secret))
            var dumped = ""
            dump(credential, to: &dumped)
            #expect(!dumped.contains(Self.secret))
        }
    }

    @Test func clientSecret_unreachableEndpoint_isACredentialError_withoutTheSecret() async throws {
        let refusing = try RefusingPort()
        let credential = ClientSecretCredential(
            tenantID: "t", clientID: "c", clientSecret: Self.secret,
            authorityHost: URL(string: "http://127.0.0.1:\(refusing.port)")!
        )
        let error = await #expect(throws: AzureMLError.self) { try await credential.token(for: Self.scope) }
        #expect(error?.code == .credential)
        #expect(error?.statusCode == nil)
        #expect(!String(describing: error).contains(Self.secret))
    }

    @Test func workloadIdentity_sendsTheAssertion_rereadingTheFileEachTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("azml-wi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("token")
        try "first.jwt\n".write(to: file, atomically: true, encoding: .utf8)

        let recorder = RequestRecorder()
        try await withTestServer(router: Self.tokenRouter(path: "/tenant-1/oauth2/v2.0/token", recorder: recorder)) { port, _ in
            let credential = WorkloadIdentityCredential(
                tenantID: "tenant-1", clientID: "client-1", tokenFilePath: file.path,
                authorityHost: URL(string: "http://127.0.0.1:\(port)")!
            )
            _ = try await credential.token(for: Self.scope)
            try "second.jwt".write(to: file, atomically: true, encoding: .utf8)
            _ = try await credential.token(for: Self.scope)
        }
        let forms = recorder.all.map(\.formFields)
        #expect(forms.count == 2)
        #expect(
            forms.first == [
                "grant_type": "client_credentials", "client_id": "client-1",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": "first.jwt", "scope": Self.scope,
            ]
        )
        #expect(forms.last?["client_assertion"] == "second.jwt")
    }

    @Test func workloadIdentity_missingFile_isACredentialError() async throws {
        let credential = WorkloadIdentityCredential(
            tenantID: "t", clientID: "c", tokenFilePath: "/nonexistent/azml/token",
            authorityHost: URL(string: "http://127.0.0.1:9")!
        )
        let error = await #expect(throws: AzureMLError.self) { try await credential.token(for: Self.scope) }
        #expect(error?.code == .credential)
        #expect(error?.message.contains("/nonexistent/azml/token") == true)
    }

    @Test func appServiceManagedIdentity_getsWithResourceAndIdentityHeader() async throws {
        let recorder = RequestRecorder()
        let router = Self.tokenRouter(path: "/msi/token", method: .GET, recorder: recorder) { _ in
            StubAzure.json(#"{"access_token":"mi-token","expires_on":"1900000000","resource":"https://management.azure.com/","token_type":"Bearer"}"#)
        }
        try await withTestServer(router: router) { port, _ in
            let credential = ManagedIdentityCredential(
                source: .appService(endpoint: URL(string: "http://127.0.0.1:\(port)/msi/token")!, identityHeader: "header-secret"),
                clientID: "user-assigned-1"
            )
            let token = try await credential.token(for: Self.scope)
            #expect(token.token == "mi-token")
            #expect(token.expiresOn == Date(timeIntervalSince1970: 1_900_000_000))
            #expect(!String(describing: credential).contains("header-secret"))
            #expect(!String(describing: credential.source).contains("header-secret"))
        }
        let request = try #require(recorder.all.first)
        #expect(request.headers["X-IDENTITY-HEADER"] == "header-secret")
        #expect(
            request.queryFields == [
                "resource": "https://management.azure.com/", "api-version": "2019-08-01", "client_id": "user-assigned-1",
            ]
        )
    }

    @Test func imds_getsTheMetadataPathWithMetadataHeader() async throws {
        let recorder = RequestRecorder()
        let router = Self.tokenRouter(path: "/metadata/identity/oauth2/token", method: .GET, recorder: recorder) { _ in
            StubAzure.json(#"{"access_token":"imds-token","refresh_token":"","expires_in":"3599","expires_on":"1900000001","not_before":"1","resource":"https://management.azure.com/","token_type":"Bearer"}"#)
        }
        try await withTestServer(router: router) { port, _ in
            let credential = ManagedIdentityCredential(source: .imds(endpoint: URL(string: "http://127.0.0.1:\(port)")!))
            let token = try await credential.token(for: Self.scope)
            #expect(token.token == "imds-token")
            #expect(token.expiresOn == Date(timeIntervalSince1970: 1_900_000_001))
        }
        let request = try #require(recorder.all.first)
        #expect(request.headers["Metadata"] == "true")
        #expect(request.queryFields == ["resource": "https://management.azure.com/", "api-version": "2018-02-01"])
    }

    @Test func managedIdentity_refusalCarriesStatusAndMessage_withoutTheHeader() async throws {
        let recorder = RequestRecorder()
        let router = Self.tokenRouter(path: "/msi", method: .GET, recorder: recorder) { request in
            StubAzure.json(#"{"statusCode":400,"message":"bad header \#(request.headers["X-IDENTITY-HEADER"] ?? "")"}"#, status: 400)
        }
        try await withTestServer(router: router) { port, _ in
            let credential = ManagedIdentityCredential(
                source: .appService(endpoint: URL(string: "http://127.0.0.1:\(port)/msi")!, identityHeader: "header-secret")
            )
            let error = await #expect(throws: AzureMLError.self) { try await credential.token(for: Self.scope) }
            #expect(error?.code == .credential)
            #expect(error?.statusCode == 400)
            #expect(error?.message.contains("bad header") == true)
            #expect(!String(describing: error).contains("header-secret"))
        }
    }

    @Test(arguments: [
        ("https://management.azure.com/.default", "https://management.azure.com/"),
        ("https://management.core.windows.net//.default", "https://management.core.windows.net/"),
        ("https://storage.azure.com/.default", "https://storage.azure.com/"),
        ("https://management.azure.com/", "https://management.azure.com/"),
    ])
    func scopeToResource(_ scope: String, _ resource: String) {
        #expect(ManagedIdentityCredential.resource(forScope: scope) == resource)
    }
}
