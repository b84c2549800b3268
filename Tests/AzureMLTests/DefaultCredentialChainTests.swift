import AzureML
import Foundation
import Testing

@Suite("DefaultCredentialChain")
struct DefaultCredentialChainTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var environment: [String: String]
        var source: DefaultCredentialChain.Source
        var comment: String
        var testDescription: String { comment }
    }

    static let secret = ["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s"]
    static let workload = ["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_FEDERATED_TOKEN_FILE": "/var/run/token"]
    static let appService = ["IDENTITY_ENDPOINT": "http://127.0.0.1:41000/msi/token", "IDENTITY_HEADER": "h"]

    static let rows: [Row] = [
        Row(environment: secret, source: .clientSecret, comment: "tenant + client + secret"),
        Row(environment: secret.merging(workload) { a, _ in a }, source: .clientSecret, comment: "secret wins over workload identity"),
        Row(environment: workload, source: .workloadIdentity, comment: "tenant + client + token file"),
        Row(environment: workload.merging(appService) { a, _ in a }, source: .workloadIdentity, comment: "workload identity wins over managed identity"),
        Row(environment: appService, source: .managedIdentity, comment: "IDENTITY_ENDPOINT + IDENTITY_HEADER"),
        Row(environment: appService.merging(["AZURE_CLIENT_ID": "c"]) { a, _ in a }, source: .managedIdentity, comment: "client id alone selects a user-assigned identity"),
        Row(environment: ["IDENTITY_ENDPOINT": "http://x"], source: .imds, comment: "endpoint without header"),
        Row(environment: ["AZURE_CLIENT_SECRET": "s", "AZURE_CLIENT_ID": "c"], source: .imds, comment: "secret without tenant"),
        Row(environment: ["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "  "], source: .imds, comment: "blank secret counts as unset"),
        Row(environment: [:], source: .imds, comment: "nothing configured: IMDS"),
        Row(environment: ["AZURE_IMDS_ENDPOINT": "http://127.0.0.1:1"], source: .imds, comment: "IMDS endpoint override"),
    ]

    @Test(arguments: rows)
    func selectsTheSource(_ row: Row) throws {
        #expect(DefaultCredentialChain.source(in: row.environment) == row.source)
        let credential = try #require(DefaultCredentialChain.fromEnvironment(row.environment))
        switch row.source {
        case .clientSecret: #expect(credential is ClientSecretCredential)
        case .workloadIdentity: #expect(credential is WorkloadIdentityCredential)
        case .managedIdentity, .imds: #expect(credential is ManagedIdentityCredential)
        }
    }

    @Test func usesTheConfiguredURLs() throws {
        let secretCredential = try #require(
            DefaultCredentialChain.fromEnvironment(Self.secret.merging(["AZURE_AUTHORITY_HOST": "https://login.microsoftonline.us/"]) { a, _ in a })
                as? ClientSecretCredential
        )
        #expect(secretCredential.authorityHost.absoluteString == "https://login.microsoftonline.us/")
        let defaultAuthority = try #require(DefaultCredentialChain.fromEnvironment(Self.secret) as? ClientSecretCredential)
        #expect(defaultAuthority.authorityHost.absoluteString == "https://login.microsoftonline.com")

        let imds = try #require(DefaultCredentialChain.fromEnvironment(["AZURE_IMDS_ENDPOINT": "http://127.0.0.1:5555"]) as? ManagedIdentityCredential)
        #expect(imds.source == .imds(endpoint: url("http://127.0.0.1:5555")))
        let defaultIMDS = try #require(DefaultCredentialChain.fromEnvironment([:]) as? ManagedIdentityCredential)
        #expect(defaultIMDS.source == .imds(endpoint: url("http://169.254.169.254")))

        let app = try #require(DefaultCredentialChain.fromEnvironment(Self.appService.merging(["AZURE_CLIENT_ID": "uai"]) { a, _ in a }) as? ManagedIdentityCredential)
        #expect(app.clientID == "uai")
    }

    @Test(arguments: [
        ["AZURE_IMDS_ENDPOINT": "not a url"],
        ["AZURE_IMDS_ENDPOINT": "ftp://host"],
        ["IDENTITY_ENDPOINT": "relative/path", "IDENTITY_HEADER": "h"],
        ["AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s", "AZURE_AUTHORITY_HOST": "login"],
    ])
    func invalidURLs_giveNoCredential(_ environment: [String: String]) {
        #expect(DefaultCredentialChain.fromEnvironment(environment) == nil)
    }
}

private func url(_ text: String) -> URL {
    URL(string: text)!
}
