import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Certificate rotation: `reloadTLS` re-reads the files for new connections, open connections
/// keep working, and a bad new pair leaves the old one in force.
@Suite(.enabled(if: TestCertificates.isAvailable, "needs the openssl command"))
struct TLSReloadTests {
    @Test func reload_newConnectionsSeeNewCertificate_openOneKeepsWorking_badPairKeepsOld() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let first = try await certificates.issue("first")
        let second = try await certificates.issue("second")
        let served = TestCertificates.Pair(certificatePath: certificates.directory + "/served.pem", keyPath: certificates.directory + "/served.key")
        try install(first, at: served)
        let tls = TLSConfiguration(certificatePath: served.certificatePath, privateKeyPath: served.keyPath)
        let client = TLSClientOptions(caPath: certificates.caPath)
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.tls = tls }) { port, server in
            let request = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
            let kept = try RawHTTPClient(port: port, tls: client)
            try await kept.send(request)
            #expect(try await kept.readResponse().status == 200)
            #expect(kept.peerCertificateSubject == "/CN=first")

            try install(second, at: served)
            #expect(try server.reloadTLS()?.subject == "/CN=second")
            #expect(server.tlsCertificate?.subject == "/CN=second")
            let fresh = try RawHTTPClient(port: port, tls: client)
            try await fresh.send(request)
            #expect(try await fresh.readResponse().status == 200)
            #expect(fresh.peerCertificateSubject == "/CN=second")
            // The connection opened before the reload goes on, on its original session.
            try await kept.send(request)
            #expect(try await kept.readResponse().status == 200)

            // A half-rotated pair (new certificate, old key) is refused; the second pair stays.
            try FileManager.default.removeItem(atPath: served.certificatePath)
            try FileManager.default.copyItem(atPath: first.certificatePath, toPath: served.certificatePath)
            #expect(throws: TLSConfigurationError.self) { try server.reloadTLS() }
            #expect(server.tlsCertificate?.subject == "/CN=second")
            let after = try RawHTTPClient(port: port, tls: client)
            try await after.send(request)
            #expect(try await after.readResponse().status == 200)
            #expect(after.peerCertificateSubject == "/CN=second")
        }
    }

    private func install(_ pair: TestCertificates.Pair, at target: TestCertificates.Pair) throws {
        for (source, destination) in [(pair.certificatePath, target.certificatePath), (pair.keyPath, target.keyPath)] {
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        }
    }
}
