import Foundation
import Testing
import TestSupport

/// `pipeline-gateway serve` over HTTPS as a real process: curl with `--cacert`, SIGHUP rotation
/// (new connections get the new certificate, an open keep-alive connection goes on, a bad pair is
/// refused and logged), and `check-config`/`serve` refusing bad pairs with plain messages.
@Suite(.serialized, .enabled(if: TestCertificates.isAvailable && ExternalCommand.isAvailable("/usr/bin/curl"), "needs openssl and curl"))
struct ServeTLSProcessTests {
    private func install(_ pair: TestCertificates.Pair, at target: TestCertificates.Pair) throws {
        for (source, destination) in [(pair.certificatePath, target.certificatePath), (pair.keyPath, target.keyPath)] {
            try? FileManager.default.removeItem(atPath: destination)
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        }
    }

    @Test func serveHTTPS_curlHealthz_sighupRotates_badPairKept() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let first = try await certificates.issue("first")
        let second = try await certificates.issue("second")
        let served = TestCertificates.Pair(certificatePath: certificates.directory + "/tls.crt", keyPath: certificates.directory + "/tls.key")
        try install(first, at: served)
        let process = try ServeProcessTests.Served(
            arguments: ["serve", "--listen", "127.0.0.1:0", "--tls-cert", served.certificatePath, "--tls-key", served.keyPath],
            environment: ["GATEWAY_DATA_DIR": certificates.directory + "/data"])
        defer { if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) } }
        let port = try #require(await process.port(), "no listening line in: \(process.log)")
        #expect(await eventually { process.log.contains("\"msg\":\"serving HTTPS\"") && process.log.contains("/CN=first") })

        let curl = try await ExternalCommand.run("/usr/bin/curl", [
            "-sS", "--http2", "--cacert", certificates.caPath, "-w", "\n%{http_code} %{http_version}", "https://127.0.0.1:\(port)/healthz",
        ])
        #expect(curl.status == 0, "\(curl.output)")
        #expect(curl.output.hasSuffix("\n200 2"), "HTTP/2 by ALPN: \(curl.output)")
        #expect(curl.output.contains("\"status\":\"ok\""))

        let client = TLSClientOptions(caPath: certificates.caPath)
        let request = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
        let kept = try RawHTTPClient(port: port, tls: client)
        try await kept.send(request)
        #expect(try await kept.readResponse().status == 200)
        #expect(kept.peerCertificateSubject == "/CN=first")

        try install(second, at: served)
        kill(process.process.processIdentifier, SIGHUP)
        #expect(await eventually { process.log.contains("TLS certificate reloaded") })
        let fresh = try RawHTTPClient(port: port, tls: client)
        try await fresh.send(request)
        #expect(try await fresh.readResponse().status == 200)
        #expect(fresh.peerCertificateSubject == "/CN=second")
        try await kept.send(request)
        #expect(try await kept.readResponse().status == 200)

        // A second rotation to a mismatched pair: refused, logged, the second pair stays.
        try FileManager.default.removeItem(atPath: served.keyPath)
        try FileManager.default.copyItem(atPath: first.keyPath, toPath: served.keyPath)
        kill(process.process.processIdentifier, SIGHUP)
        #expect(await eventually { process.log.contains("TLS certificate not reloaded; keeping the current one") })
        let after = try RawHTTPClient(port: port, tls: client)
        try await after.send(request)
        #expect(try await after.readResponse().status == 200)
        #expect(after.peerCertificateSubject == "/CN=second")
        #expect(!process.log.contains("BEGIN PRIVATE KEY"))

        kill(process.process.processIdentifier, SIGTERM)
        #expect(await process.waitForExit() == 0)
    }

    @Test func badPair_serveAndCheckConfigRefuseWithPlainMessage() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let expired = try await certificates.issue("expired", days: -1)
        let environment = [
            "GATEWAY_TLS_CERT": expired.certificatePath, "GATEWAY_TLS_KEY": expired.keyPath,
            "GATEWAY_DATA_DIR": certificates.directory + "/data",
        ]
        let serve = try ServeProcessTests.Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        #expect(await serve.waitForExit() == 2)
        #expect(serve.log.contains("GATEWAY_TLS_CERT: the certificate in '\(expired.certificatePath)' expired on"))

        let check = try await ExternalCommand.run(ServeProcessTests.binary.path, ["check-config"], environment: environment)
        #expect(check.status == 2)
        #expect(check.output.contains("GATEWAY_TLS_CERT: the certificate in '\(expired.certificatePath)' expired on"), "\(check.output)")

        let onlyCertificate = try await ExternalCommand.run(
            ServeProcessTests.binary.path, ["check-config", "--tls-cert", expired.certificatePath],
            environment: ["GATEWAY_DATA_DIR": certificates.directory + "/data"])
        #expect(onlyCertificate.status == 2)
        #expect(onlyCertificate.output.contains("GATEWAY_TLS_KEY: missing: --tls-cert is set"), "\(onlyCertificate.output)")
    }
}
