import Foundation
import Testing
@testable import Gateway
import Observability

@Suite struct GatewayConfigurationTests {
    @Test func defaults_loopback8080() throws {
        let configuration = try GatewayConfiguration.load(environment: [:], flags: [:])
        #expect(configuration.listen.description == "127.0.0.1:8080")
        #expect(configuration.publicURL == "http://127.0.0.1:8080")
        #expect(configuration.logLevel == .info)
        #expect(configuration.eventLoops == nil)
        #expect(configuration.backend == .emulated(dataDirectory: "./data"))
    }

    @Test func eventGridSecret_offByDefault_onWhenSet() throws {
        #expect(try GatewayConfiguration.load(environment: [:], flags: [:]).eventGridSecret == nil)
        let on = try GatewayConfiguration.load(environment: ["GATEWAY_EVENTGRID_SECRET": "abcdefgh-12345678_X"], flags: [:])
        #expect(on.eventGridSecret == "abcdefgh-12345678_X")
    }

    @Test func workspace_regionOrEndpoint() throws {
        let workspace = ["AZUREML_SUBSCRIPTION_ID": "sub", "AZUREML_RESOURCE_GROUP": "rg", "AZUREML_WORKSPACE": "ws"]
        let byRegion = try GatewayConfiguration.load(environment: workspace.merging(["AZUREML_REGION": "West Europe"]) { $1 }, flags: [:])
        #expect(byRegion.backend == .workspace(.init(subscriptionID: "sub", resourceGroup: "rg", workspaceName: "ws",
                                                      endpoint: "https://westeurope.api.azureml.ms")))
        let byEndpoint = try GatewayConfiguration.load(
            environment: workspace.merging(["AZUREML_ENDPOINT": "http://127.0.0.1:9999/", "AZUREML_REGION": "ignored"]) { $1 }, flags: [:])
        guard case .workspace(let settings) = byEndpoint.backend else { Issue.record("expected a workspace"); return }
        #expect(settings.endpoint == "http://127.0.0.1:9999")
    }

    @Test func eventLoops_fromEnvironment() throws {
        #expect(try GatewayConfiguration.load(environment: ["GATEWAY_EVENT_LOOPS": "3"], flags: [:]).eventLoops == 3)
    }

    @Test func flagOverridesEnvironment() throws {
        let configuration = try GatewayConfiguration.load(
            environment: ["GATEWAY_LISTEN": "127.0.0.1:9000"], flags: ["listen": "127.0.0.1:0"])
        #expect(configuration.listen.port == 0)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var environment: [String: String]
        var flags: [String: String] = [:]
        var setting: String
        var messageContains: String
        var testDescription: String { "\(setting): \(messageContains)" }
    }

    @Test(arguments: [
        Row(environment: ["GATEWAY_LISTEN": "nonsense"], setting: "GATEWAY_LISTEN", messageContains: "no port"),
        Row(environment: [:], flags: ["listen": "127.0.0.1:99999"], setting: "--listen", messageContains: "invalid port"),
        Row(environment: ["GATEWAY_LISTEN": "0.0.0.0:8080"], setting: "GATEWAY_LISTEN", messageContains: "GATEWAY_API_KEYS"),
        Row(environment: ["GATEWAY_LOG_LEVEL": "loud"], setting: "GATEWAY_LOG_LEVEL", messageContains: "not a log level"),
        Row(environment: ["GATEWAY_EVENT_LOOPS": "0"], setting: "GATEWAY_EVENT_LOOPS", messageContains: "from 1 to 256"),
        Row(environment: [:], flags: ["event-loops": "many"], setting: "--event-loops", messageContains: "from 1 to 256"),
        Row(environment: ["AZUREML_SUBSCRIPTION_ID": "s", "AZUREML_WORKSPACE": "w", "AZUREML_REGION": "westeurope"],
            setting: "AZUREML_RESOURCE_GROUP", messageContains: "all three"),
        Row(environment: ["AZUREML_SUBSCRIPTION_ID": "s", "AZUREML_RESOURCE_GROUP": "g", "AZUREML_WORKSPACE": "w"],
            setting: "AZUREML_REGION", messageContains: "AZUREML_ENDPOINT"),
        Row(environment: ["AZUREML_SUBSCRIPTION_ID": "s", "AZUREML_RESOURCE_GROUP": "g", "AZUREML_WORKSPACE": "w", "AZUREML_ENDPOINT": "ftp://x"],
            setting: "AZUREML_ENDPOINT", messageContains: "http(s) URL"),
        Row(environment: ["AZUREML_SUBSCRIPTION_ID": "s", "AZUREML_RESOURCE_GROUP": "g", "AZUREML_WORKSPACE": "w", "AZUREML_REGION": "west/europe"],
            setting: "AZUREML_REGION", messageContains: "not an Azure region"),
        Row(environment: ["GATEWAY_INSECURE_NO_AUTH": "yes"], setting: "GATEWAY_INSECURE_NO_AUTH", messageContains: "true or false"),
        Row(environment: ["GATEWAY_CA_BUNDLE": "/nonexistent/extra-ca.pem"], setting: "GATEWAY_CA_BUNDLE", messageContains: "does not exist"),
        Row(environment: ["GATEWAY_CA_BUNDLE": "/"], setting: "GATEWAY_CA_BUNDLE", messageContains: "is a directory"),
        Row(environment: ["GATEWAY_EVENTGRID_SECRET": "short"], setting: "GATEWAY_EVENTGRID_SECRET", messageContains: "16 to 256"),
        Row(environment: ["GATEWAY_EVENTGRID_SECRET": "has spaces in the middle"], setting: "GATEWAY_EVENTGRID_SECRET", messageContains: "A-Z"),
    ])
    func invalidSetting_reportedByName(row: Row) {
        #expect {
            _ = try GatewayConfiguration.load(environment: row.environment, flags: row.flags)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.problems.contains { $0.setting == row.setting && $0.message.contains(row.messageContains) }
        }
    }

    @Test func everyProblemReportedAtOnce() {
        #expect {
            _ = try GatewayConfiguration.load(environment: ["GATEWAY_LISTEN": "x", "GATEWAY_LOG_LEVEL": "loud"], flags: [:])
        } throws: { error in
            (error as? ConfigurationError)?.problems.count == 2
        }
    }

    @Test func caBundle_aReadablePEMFileIsKept_anythingElseRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pem = directory.appendingPathComponent("extra-ca.pem").path
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".write(toFile: pem, atomically: true, encoding: .utf8)
        #expect(try GatewayConfiguration.load(environment: ["GATEWAY_CA_BUNDLE": pem], flags: [:]).caBundlePath == pem)
        #expect(try GatewayConfiguration.load(environment: ["GATEWAY_CA_BUNDLE": ""], flags: [:]).caBundlePath == nil)
        #expect(try GatewayConfiguration.load(environment: [:], flags: [:]).caBundlePath == nil)

        let notPEM = directory.appendingPathComponent("key.der").path
        try Data([0x30, 0x82, 0x01]).write(to: URL(fileURLWithPath: notPEM))
        #expect {
            _ = try GatewayConfiguration.load(environment: ["GATEWAY_CA_BUNDLE": notPEM], flags: [:])
        } throws: { error in
            (error as? ConfigurationError)?.problems == [
                .init(setting: "GATEWAY_CA_BUNDLE", message: "'\(notPEM)' holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
            ]
        }
    }

    @Test func publicBind_allowedWithKeysOrExplicitOptOut() throws {
        let withKeys = try GatewayConfiguration.load(
            environment: ["GATEWAY_LISTEN": "0.0.0.0:8080", "GATEWAY_API_KEYS": "ops:admin:s3cret-long"], flags: [:])
        #expect(withKeys.apiKeysConfigured)
        let optOut = try GatewayConfiguration.load(
            environment: ["GATEWAY_LISTEN": "0.0.0.0:8080", "GATEWAY_INSECURE_NO_AUTH": "true"], flags: [:])
        #expect(optOut.insecureNoAuth)
    }
}
