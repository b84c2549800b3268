import Foundation
@testable import HTTPServer
import TestSupport

/// A CA and a server pair for one test, and a server on 127.0.0.1:0 serving HTTPS with it.
struct TLSTestFixture {
    static let curl = "/usr/bin/curl"
    static var toolsAvailable: Bool { TestCertificates.isAvailable && ExternalCommand.isAvailable(curl) }

    let certificates: TestCertificates
    let server: TestCertificates.Pair

    static func make() async throws -> TLSTestFixture {
        let certificates = try await TestCertificates.make()
        do {
            return TLSTestFixture(certificates: certificates, server: try await certificates.issue("server"))
        } catch {
            certificates.remove()
            throw error
        }
    }

    var serverConfiguration: TLSConfiguration {
        TLSConfiguration(certificatePath: server.certificatePath, privateKeyPath: server.keyPath)
    }

    /// Client options trusting this fixture's CA.
    var verifyingClient: TLSClientOptions { TLSClientOptions(caPath: certificates.caPath) }
}

/// Runs `body` against the test routes served over HTTPS with a fresh certificate; `RawHTTPClient`s
/// made inside connect over TLS (trusting the CA). Certificates are removed afterwards.
func withTLSTestServer<R>(
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    observers: [any HTTPExchangeObserver] = [],
    _ body: (_ port: Int, _ server: HTTPServer, _ fixture: TLSTestFixture) async throws -> R
) async throws -> R {
    let fixture = try await TLSTestFixture.make()
    defer { fixture.certificates.remove() }
    let transport = TestTransport.TLS(server: fixture.serverConfiguration, client: fixture.verifyingClient)
    return try await TestTransport.$tls.withValue(transport) {
        try await withTestServer(router: ServerTestRoutes.router(), configure: configure, observers: observers) { port, server in
            try await body(port, server, fixture)
        }
    }
}
