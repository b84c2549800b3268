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
        Row(environment: ["GATEWAY_INSECURE_NO_AUTH": "yes"], setting: "GATEWAY_INSECURE_NO_AUTH", messageContains: "true or false"),
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

    @Test func publicBind_allowedWithKeysOrExplicitOptOut() throws {
        let withKeys = try GatewayConfiguration.load(
            environment: ["GATEWAY_LISTEN": "0.0.0.0:8080", "GATEWAY_API_KEYS": "ops:admin:s3cret"], flags: [:])
        #expect(withKeys.apiKeysConfigured)
        let optOut = try GatewayConfiguration.load(
            environment: ["GATEWAY_LISTEN": "0.0.0.0:8080", "GATEWAY_INSECURE_NO_AUTH": "true"], flags: [:])
        #expect(optOut.insecureNoAuth)
    }
}
