import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Loading a certificate pair: each way it can be wrong gives a plain message naming the file at
/// fault, and never the key's contents.
@Suite(.enabled(if: TestCertificates.isAvailable, "needs the openssl command"))
struct TLSContextTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var comment: String
        var configure: @Sendable (_ good: TestCertificates.Pair, _ other: TestCertificates.Pair, _ expired: TestCertificates.Pair, _ directory: String) throws -> TLSConfiguration
        var file: TLSConfigurationError.File
        var message: String
        var testDescription: String { comment }
    }

    static let rows: [Row] = [
        Row(comment: "missing certificate", configure: { good, _, _, dir in
            TLSConfiguration(certificatePath: dir + "/nope.pem", privateKeyPath: good.keyPath)
        }, file: .certificate, message: "/nope.pem' does not exist"),
        Row(comment: "missing key", configure: { good, _, _, dir in
            TLSConfiguration(certificatePath: good.certificatePath, privateKeyPath: dir + "/nope.key")
        }, file: .privateKey, message: "/nope.key' does not exist"),
        Row(comment: "directory as certificate", configure: { good, _, _, dir in
            TLSConfiguration(certificatePath: dir, privateKeyPath: good.keyPath)
        }, file: .certificate, message: "is a directory"),
        Row(comment: "key of another certificate", configure: { good, other, _, _ in
            TLSConfiguration(certificatePath: good.certificatePath, privateKeyPath: other.keyPath)
        }, file: .privateKey, message: "does not belong to the certificate"),
        Row(comment: "expired certificate", configure: { _, _, expired, _ in
            TLSConfiguration(certificatePath: expired.certificatePath, privateKeyPath: expired.keyPath)
        }, file: .certificate, message: "expired on"),
        Row(comment: "key where the certificate belongs", configure: { good, _, _, _ in
            TLSConfiguration(certificatePath: good.keyPath, privateKeyPath: good.keyPath)
        }, file: .certificate, message: "holds no PEM certificate"),
        Row(comment: "certificate where the key belongs", configure: { good, _, _, _ in
            TLSConfiguration(certificatePath: good.certificatePath, privateKeyPath: good.certificatePath)
        }, file: .privateKey, message: "holds no PEM private key"),
        Row(comment: "passphrase-protected key", configure: { good, _, _, dir in
            let encrypted = dir + "/encrypted.key"
            try encryptedKeyText.write(toFile: encrypted, atomically: true, encoding: .utf8)
            return TLSConfiguration(certificatePath: good.certificatePath, privateKeyPath: encrypted)
        }, file: .privateKey, message: "passphrase-protected"),
        Row(comment: "client CA missing", configure: { good, _, _, dir in
            TLSConfiguration(certificatePath: good.certificatePath, privateKeyPath: good.keyPath, clientCAPath: dir + "/ca-nope.pem")
        }, file: .clientCA, message: "/ca-nope.pem' does not exist"),
    ]

    /// The PEM framing of an encrypted PKCS#8 key; its body is never parsed (refused on the label).
    static let encryptedKeyText = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"

    @Test(arguments: rows)
    func badPair_plainMessageNamingTheFile(row: Row) async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let good = try await certificates.issue("good")
        let other = try await certificates.issue("other")
        let expired = try await certificates.issue("expired", days: -1)
        let configuration = try row.configure(good, other, expired, certificates.directory)
        do {
            _ = try TLSContext(configuration: configuration)
            Issue.record("\(row.comment): loaded")
        } catch {
            #expect(error.file == row.file)
            #expect(error.message.contains(row.message), "\(error.message)")
            #expect(!error.message.contains("PRIVATE KEY-----\nM"))
        }
    }

    @Test func goodPair_summaryNamesSubjectAndExpiry() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let good = try await certificates.issue("gateway.test", days: 30)
        let context = try TLSContext(configuration: TLSConfiguration(certificatePath: good.certificatePath, privateKeyPath: good.keyPath))
        #expect(context.certificate.subject == "/CN=gateway.test")
        let days = context.certificate.notAfter.timeIntervalSinceNow / 86_400
        #expect(days > 29 && days < 31)
    }

    @Test func startWithBadPair_throwsAndBindsNothing() async throws {
        var configuration = HTTPServerConfiguration(address: try SocketAddress(parsing: "127.0.0.1:0"), eventLoops: 1)
        configuration.tls = TLSConfiguration(certificatePath: "/nonexistent/cert.pem", privateKeyPath: "/nonexistent/key.pem")
        let server = HTTPServer(configuration: configuration, responder: ServerTestRoutes.router().buildResponder())
        #expect(throws: TLSConfigurationError.self) { try server.start() }
        await server.shutdown()
    }
}
