import Foundation
import Testing
@testable import Gateway
import HTTPServer
import TestSupport

/// `GATEWAY_TLS_CERT` / `GATEWAY_TLS_KEY` / `GATEWAY_TLS_CLIENT_CA` and the flags: half a pair or a
/// bad file is a configuration problem naming the setting to fix, in plain words.
@Suite(.enabled(if: TestCertificates.isAvailable, "needs the openssl command"))
struct GatewayTLSConfigurationTests {
    /// Loads, returning the problems (empty when the configuration loaded).
    private func problems(_ environment: [String: String], flags: [String: String] = [:]) -> [ConfigurationError.Problem] {
        do {
            _ = try GatewayConfiguration.load(environment: environment, flags: flags)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func halfAPair_refusedNamingWhatIsMissing() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let pair = try await certificates.issue("gateway")
        let onlyCertificate = problems(["GATEWAY_TLS_CERT": pair.certificatePath])
        #expect(onlyCertificate.map(\.setting) == ["GATEWAY_TLS_KEY"])
        #expect(onlyCertificate.first?.message.hasPrefix("missing: GATEWAY_TLS_CERT is set") == true)
        let onlyKeyFlag = problems([:], flags: ["tls-key": pair.keyPath])
        #expect(onlyKeyFlag.map(\.setting) == ["GATEWAY_TLS_CERT"])
        #expect(onlyKeyFlag.first?.message.contains("--tls-key is set") == true)
        let caAlone = problems(["GATEWAY_TLS_CLIENT_CA": certificates.caPath])
        #expect(caAlone.map(\.setting) == ["GATEWAY_TLS_CLIENT_CA"])
    }

    @Test func badFiles_refusedWithPlainMessage() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let pair = try await certificates.issue("gateway")
        let other = try await certificates.issue("other")
        let expired = try await certificates.issue("old", days: -1)
        let missing = problems(["GATEWAY_TLS_CERT": certificates.directory + "/missing.pem", "GATEWAY_TLS_KEY": pair.keyPath])
        #expect(missing == [.init(setting: "GATEWAY_TLS_CERT", message: "'\(certificates.directory)/missing.pem' does not exist; it must be a file with the certificate (PEM)")])
        let mismatched = problems([:], flags: ["tls-cert": pair.certificatePath, "tls-key": other.keyPath])
        #expect(mismatched.map(\.setting) == ["--tls-key"])
        #expect(mismatched.first?.message == "the private key in '\(other.keyPath)' does not belong to the certificate in '\(pair.certificatePath)'")
        let old = problems(["GATEWAY_TLS_CERT": expired.certificatePath, "GATEWAY_TLS_KEY": expired.keyPath])
        #expect(old.map(\.setting) == ["GATEWAY_TLS_CERT"])
        #expect(old.first?.message.contains("expired on") == true)
        let badCA = problems(["GATEWAY_TLS_CERT": pair.certificatePath, "GATEWAY_TLS_KEY": pair.keyPath, "GATEWAY_TLS_CLIENT_CA": pair.keyPath])
        #expect(badCA.map(\.setting) == ["GATEWAY_TLS_CLIENT_CA"])
    }

    @Test func goodPair_configuresHTTPSAndPublicURL() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let pair = try await certificates.issue("gateway")
        let configuration = try GatewayConfiguration.load(
            environment: ["GATEWAY_TLS_CERT": pair.certificatePath, "GATEWAY_TLS_KEY": pair.keyPath, "GATEWAY_TLS_CLIENT_CA": certificates.caPath],
            flags: ["listen": "127.0.0.1:8443"])
        #expect(configuration.tls == TLSConfiguration(certificatePath: pair.certificatePath, privateKeyPath: pair.keyPath, clientCAPath: certificates.caPath))
        #expect(configuration.publicURL == "https://127.0.0.1:8443")
    }

    @Test func flagsParse() throws {
        let command = try GatewayCommand.parse(["serve", "--tls-cert", "c.pem", "--tls-key=k.pem"])
        #expect(command == .serve(flags: ["tls-cert": "c.pem", "tls-key": "k.pem"]))
    }
}
