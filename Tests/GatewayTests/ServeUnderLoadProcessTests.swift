import Foundation
import Testing
import TestSupport

/// `pipeline-gateway serve` as a real process while clients keep it busy: certificate rotation by
/// SIGHUP in the middle of HTTPS traffic (HTTP/2 and HTTP/1.1, kept-alive and new connections) fails
/// no request, and SIGTERM lets an HTTP/2 stream that is still open finish after its GOAWAY.
@Suite(.serialized, .enabled(if: TestCertificates.isAvailable && ExternalCommand.isAvailable("/usr/bin/curl"), "needs openssl and curl"))
struct ServeUnderLoadProcessTests {
    private static let curl = "/usr/bin/curl"

    private static func install(_ pair: TestCertificates.Pair, at target: TestCertificates.Pair) throws {
        // Copied beside the target and renamed over it, as cert-manager does: a reload never reads
        // half a file.
        for (source, destination) in [(pair.certificatePath, target.certificatePath), (pair.keyPath, target.keyPath)] {
            let staging = destination + ".new"
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.copyItem(atPath: source, toPath: staging)
            guard rename(staging, destination) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    @Test func sighupRotation_midLoad_noRequestFails() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let pairs = [try await certificates.issue("first"), try await certificates.issue("second")]
        let served = TestCertificates.Pair(certificatePath: certificates.directory + "/tls.crt", keyPath: certificates.directory + "/tls.key")
        try Self.install(pairs[0], at: served)
        let process = try ServeProcessTests.Served(
            arguments: ["serve", "--listen", "127.0.0.1:0", "--tls-cert", served.certificatePath, "--tls-key", served.keyPath],
            environment: ["GATEWAY_DATA_DIR": certificates.directory + "/data"])
        defer { if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) } }
        let port = try #require(await process.port(), "no listening line in: \(process.log)")
        let url = "https://127.0.0.1:\(port)/healthz"

        // Four clients, each a loop of curl processes: a new TLS connection per process, then 20
        // requests on it (multiplexed over HTTP/2, kept alive over HTTP/1.1).
        let stop = LockedBox(false)
        let outcomes = LockedBox<[String]>([])
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<4 {
                    group.addTask {
                        let version = client % 2 == 0 ? "--http2" : "--http1.1"
                        while !stop.value {
                            let result = try? await ExternalCommand.run(Self.curl, [
                                "-sS", version, "--cacert", certificates.caPath, "-w", "%{http_code}\n",
                            ] + Array(repeating: [url, "-o", "/dev/null"], count: 20).flatMap { $0 })
                            let codes = result.map { $0.status == 0 ? $0.output.split(separator: "\n").map(String.init) : ["curl exit \($0.status): \($0.output)"] }
                            outcomes.mutate { $0 += codes ?? ["curl did not run"] }
                        }
                    }
                }
            }
        }

        // Six rotations while the load runs, each confirmed in the log before the next.
        for rotation in 1...6 {
            try await Task.sleep(for: .milliseconds(300))
            try Self.install(pairs[rotation % 2], at: served)
            kill(process.process.processIdentifier, SIGHUP)
            let reloaded = await eventually {
                process.log.components(separatedBy: "TLS certificate reloaded").count - 1 >= rotation
            }
            #expect(reloaded, "rotation \(rotation) not logged")
        }
        try await Task.sleep(for: .milliseconds(300))
        stop.mutate { $0 = true }
        await load.value

        let seen = outcomes.value
        #expect(seen.count >= 80, "the load ran: \(seen.count) requests")
        let failed = seen.filter { $0 != "200" }
        #expect(failed.isEmpty, "\(failed.count) of \(seen.count) requests failed: \(failed.prefix(5))")
        #expect(!process.log.contains("\"level\":\"error\""), "\(process.log)")

        kill(process.process.processIdentifier, SIGTERM)
        #expect(await process.waitForExit() == 0)
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func sigterm_http2StreamInFlight_goawayThenAnswered_exitZero() async throws {
        let directory = NSTemporaryDirectory() + "gw-h2-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = try ServeProcessTests.Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: ["GATEWAY_DATA_DIR": directory + "/data"])
        defer { if process.process.isRunning { kill(process.process.processIdentifier, SIGKILL) } }
        let port = try #require(await process.port(), "no listening line in: \(process.log)")
        let priorKnowledge = try await ExternalCommand.run(Self.curl, [
            "-sS", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code} %{http_version}", "http://127.0.0.1:\(port)/healthz",
        ])
        #expect(priorKnowledge.output == "200 2", "h2c by prior knowledge: \(priorKnowledge.output)")

        // The probe opens stream 1 without ending it, says so with the file, and ends the request
        // only once the GOAWAY has arrived.
        let ready = directory + "/stream-open"
        async let probe = H2Probe.run("finish-after-goaway", port: port, ready)
        #expect(await eventually(timeout: .seconds(20)) { FileManager.default.fileExists(atPath: ready) })
        kill(process.process.processIdentifier, SIGTERM)
        let seen = try await probe
        #expect(seen.goaway?.code == 0 && seen.goaway?.last == 1, "GOAWAY NO_ERROR keeping stream 1: \(String(describing: seen.goaway))")
        #expect(seen.status == ["1": 200], "the stream is answered after the GOAWAY")
        #expect((seen.bodies["1"] ?? 0) > 0)
        #expect(seen.closed)
        #expect(await process.waitForExit() == 0)
        #expect(process.log.contains("\"msg\":\"stopped\""))
    }
}
