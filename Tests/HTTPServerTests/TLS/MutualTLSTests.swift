import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// `clientCAPath` set: only clients presenting a certificate from that CA get through.
@Suite(.enabled(if: TestCertificates.isAvailable, "needs the openssl command"))
struct MutualTLSTests {
    @Test func clientCertificate_required_verified() async throws {
        let fixture = try await TLSTestFixture.make()
        defer { fixture.certificates.remove() }
        let trustedClient = try await fixture.certificates.issue("client")
        let otherCA = try await TestCertificates.make(commonName: "Other CA")
        defer { otherCA.remove() }
        let strangerClient = try await otherCA.issue("stranger")
        var tls = fixture.serverConfiguration
        tls.clientCAPath = fixture.certificates.caPath
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.tls = tls }) { port, server in
            let request = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
            let good = try RawHTTPClient(port: port, tls: TLSClientOptions(caPath: fixture.certificates.caPath, certificate: trustedClient))
            try await good.send(request)
            #expect(try await good.readResponse().bodyText == "hello")

            for certificate in [nil, strangerClient] {
                let refused = try RawHTTPClient(port: port, tls: TLSClientOptions(caPath: fixture.certificates.caPath, certificate: certificate))
                // TLS 1.3 finishes the client's side before the server checks; the refusal arrives as an alert.
                try? await refused.send(request)
                await #expect(throws: RawHTTPClient.ClientError.self) { _ = try await refused.readResponse() }
            }
            let anonymous = try await ExternalCommand.run(TestCertificates.openssl, [
                "s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", fixture.certificates.caPath, "-tls1_2",
            ])
            #expect(anonymous.output.contains("alert handshake failure") || anonymous.output.contains("certificate required"), "\(anonymous.output)")
            #expect(await eventually { server.openConnections == 1 })
        }
    }
}
