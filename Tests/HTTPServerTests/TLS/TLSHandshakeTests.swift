import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// HTTPS on real loopback sockets, checked with real clients: curl, `openssl s_client` and the
/// test client: protocol versions, ALPN, large bodies through TLS records, stalled handshakes.
@Suite(.enabled(if: TLSTestFixture.toolsAvailable, "needs the openssl and curl commands"))
struct TLSHandshakeTests {
    @Test func curl_withCACert_getsAnswerOverHTTPS() async throws {
        try await withTLSTestServer { port, _, fixture in
            // curl offers h2 first by default, and the server prefers it; --http1.1 offers only HTTP/1.1.
            for (flags, version) in [([String](), "2"), (["--http1.1"], "1.1")] {
                let result = try await ExternalCommand.run(TLSTestFixture.curl, flags + [
                    "-sS", "--cacert", fixture.certificates.caPath, "-w", "\n%{http_version} %{http_code}", "https://127.0.0.1:\(port)/hello",
                ])
                #expect(result.status == 0, "\(result.output)")
                #expect(result.output == "hello\n\(version) 200")
            }
            // Without the CA the certificate is not trusted: it really is verified.
            let untrusted = try await ExternalCommand.run(TLSTestFixture.curl, ["-sS", "https://127.0.0.1:\(port)/hello"])
            #expect(untrusted.status == 60)
        }
    }

    @Test(arguments: ["-tls1", "-tls1_1"])
    func oldProtocolVersion_refusedByServer(flag: String) async throws {
        try await withTLSTestServer { port, server, _ in
            // SECLEVEL=0 lets the client offer TLS 1.0/1.1 at all, so the refusal seen is the server's.
            let result = try await ExternalCommand.run(TestCertificates.openssl, [
                "s_client", "-connect", "127.0.0.1:\(port)", flag, "-cipher", "DEFAULT:@SECLEVEL=0",
            ])
            #expect(result.status != 0)
            #expect(result.output.contains("alert protocol version"), "\(result.output)")
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test(arguments: [("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3")])
    func modernProtocolVersion_accepted(flag: String, version: String) async throws {
        try await withTLSTestServer { port, _, fixture in
            let result = try await ExternalCommand.run(TestCertificates.openssl, [
                "s_client", "-connect", "127.0.0.1:\(port)", flag, "-CAfile", fixture.certificates.caPath, "-alpn", "h2,http/1.1",
            ])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("New, \(version)"))
            #expect(result.output.contains("Verify return code: 0 (ok)"))
            // The server's preference wins: h2 when the client offers it at all.
            #expect(result.output.contains("ALPN protocol: h2"))
        }
    }

    @Test func tls12_noWeakSuites() async throws {
        try await withTLSTestServer { port, _, _ in
            for suite in ["AES128-SHA", "ECDHE-RSA-AES128-SHA", "aNULL", "eNULL"] {
                let result = try await ExternalCommand.run(TestCertificates.openssl, [
                    "s_client", "-connect", "127.0.0.1:\(port)", "-tls1_2", "-cipher", "\(suite):@SECLEVEL=0",
                ])
                #expect(result.status != 0, "\(suite) was accepted")
            }
        }
    }

    @Test func alpn_clientOffersNothingKnown_stillServedAsHTTP1() async throws {
        try await withTLSTestServer { port, _, fixture in
            for offer in [["spdy/3.1"], [], ["http/1.1"]] {
                let client = try RawHTTPClient(port: port, tls: TLSClientOptions(caPath: fixture.certificates.caPath, applicationProtocols: offer))
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().bodyText == "hello")
                #expect(client.negotiatedProtocol == (offer == ["http/1.1"] ? "http/1.1" : nil))
                #expect(client.tlsVersion == "TLSv1.3")
            }
        }
    }

    @Test func largeBodies_crossManyRecords_bothWays() async throws {
        try await withTLSTestServer { port, _, _ in
            let client = try RawHTTPClient(port: port, timeout: 10)
            let upload = (0..<900_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try await client.send(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(upload.count)\r\n\r\n".utf8) + upload)
            let echoed = try await client.readResponse()
            #expect(echoed.status == 200)
            #expect(echoed.body == upload)
            try await client.send(String(repeating: "GET /big HTTP/1.1\r\nHost: t\r\n\r\n", count: 20))
            for _ in 0..<20 {
                #expect(try await client.readResponse().body.count == 64 * 1024)
            }
        }
    }

    @Test func stalledHandshakes_otherClientsServed_stalledClosedAfterTimeout() async throws {
        try await withTLSTestServer(configure: { $0.tls?.handshakeTimeout = .seconds(3) }) { port, server, _ in
            let connected = ContinuousClock.now
            var stalled: [RawHTTPClient] = []
            for i in 0..<40 {
                // Half never say anything; half send the first bytes of a ClientHello and stop.
                let client = try RawHTTPClient(port: port, tls: nil)
                if i.isMultiple(of: 2) { try await client.send([0x16, 0x03, 0x01, 0x02]) }
                stalled.append(client)
            }
            #expect(await eventually { server.openConnections >= 40 })
            for _ in 0..<10 {
                let client = try RawHTTPClient(port: port, timeout: 2)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(try await client.readResponse().status == 200)
            }
            // Served while every stalled handshake was still pending: nothing waited for them.
            #expect(server.openConnections >= 40)
            for client in stalled {
                client.setTimeout(5)
                #expect(await client.isClosedByServer())
            }
            // Closed by the deadline (3 s, checked four times a second), not by the client giving up.
            #expect(ContinuousClock.now - connected < .milliseconds(4500))
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test func connectionCap_overTLS_extraConnectionClosedWithoutCleartextAnswer() async throws {
        try await withTLSTestServer(configure: { $0.maxConnections = 2 }) { port, server, _ in
            var held: [RawHTTPClient] = []
            for _ in 0..<2 {
                let client = try RawHTTPClient(port: port)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().status == 200)
                held.append(client)
            }
            // A cleartext 503 would be garbage to a TLS client: it just sees the connection end.
            let extra = try RawHTTPClient(port: port)
            await #expect(throws: RawHTTPClient.ClientError.self) { try await extra.handshake() }
            try await held[0].send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await held[0].readResponse().status == 200)
            #expect(server.openConnections == 2)
        }
    }

    @Test func shutdown_handshakeInProgress_closedAtOnce() async throws {
        let fixture = try await TLSTestFixture.make()
        defer { fixture.certificates.remove() }
        var configuration = HTTPServerConfiguration(address: try SocketAddress(parsing: "127.0.0.1:0"), eventLoops: 1)
        configuration.tls = fixture.serverConfiguration
        let server = HTTPServer(configuration: configuration, responder: ServerTestRoutes.router().buildResponder())
        let port = try server.start().port
        let stalled = try RawHTTPClient(port: port, tls: nil)
        #expect(await eventually { server.openConnections == 1 })
        let started = ContinuousClock.now
        await server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(await stalled.isClosedByServer())
    }
}
