import Foundation
import HTTPServer

/// HTTPS: `GATEWAY_TLS_CERT` / `GATEWAY_TLS_KEY` (flags `--tls-cert` / `--tls-key`), both PEM
/// paths, and optionally `GATEWAY_TLS_CLIENT_CA` to require client certificates (mTLS).
///
/// The pair is loaded exactly as the server will load it, so a wrong path, a key that is not the
/// certificate's or an expired certificate stops `serve` and `check-config` at once, naming the
/// setting to fix, rather than surfacing as failed handshakes later.
enum TLSSetting {
    static let certificateVariable = "GATEWAY_TLS_CERT"
    static let keyVariable = "GATEWAY_TLS_KEY"
    static let clientCAVariable = "GATEWAY_TLS_CLIENT_CA"

    /// The TLS configuration, nil when neither file is set; problems for half a pair or bad files.
    static func load(
        environment: [String: String], flags: [String: String], problems: inout [ConfigurationError.Problem]
    ) -> TLSConfiguration? {
        let certificate = setting(flag: "tls-cert", variable: certificateVariable, environment: environment, flags: flags)
        let key = setting(flag: "tls-key", variable: keyVariable, environment: environment, flags: flags)
        let clientCA = nonEmpty(environment[clientCAVariable])
        guard let certificate, let key else {
            if let certificate {
                problems.append(.init(setting: keyVariable, message: "missing: \(certificate.source) is set, so HTTPS needs the private key too; set \(keyVariable) or --tls-key"))
            } else if let key {
                problems.append(.init(setting: certificateVariable, message: "missing: \(key.source) is set, so HTTPS needs the certificate too; set \(certificateVariable) or --tls-cert"))
            } else if clientCA != nil {
                problems.append(.init(setting: clientCAVariable, message: "client certificates need HTTPS; set \(certificateVariable) and \(keyVariable) too"))
            }
            return nil
        }
        let configuration = TLSConfiguration(certificatePath: certificate.value, privateKeyPath: key.value, clientCAPath: clientCA)
        do {
            _ = try TLSContext(configuration: configuration)
        } catch {
            let setting = switch error.file {
            case .certificate: certificate.source
            case .privateKey: key.source
            case .clientCA: clientCAVariable
            }
            problems.append(.init(setting: setting, message: error.message))
        }
        return configuration
    }

    /// A flag wins over the variable; the source is named in messages.
    private static func setting(
        flag: String, variable: String, environment: [String: String], flags: [String: String]
    ) -> (value: String, source: String)? {
        if let value = nonEmpty(flags[flag]) { return (value, "--\(flag)") }
        if let value = nonEmpty(environment[variable]) { return (value, variable) }
        return nil
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
