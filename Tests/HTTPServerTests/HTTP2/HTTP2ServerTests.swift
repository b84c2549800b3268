import Foundation
@testable import HTTPServer
import Testing
import TestSupport

/// HTTP/2 over real loopback sockets: curl for what it can say (prior knowledge, ALPN, uploads,
/// many streams on one connection), the frame-level probe for the limits and defences.
@Suite(.serialized, .enabled(if: ExternalCommand.isAvailable(TLSTestFixture.curl), "needs curl"))
struct HTTP2ServerTests {
    static let curl = TLSTestFixture.curl

    @Test func priorKnowledge_cleartext_answersAsHTTP2_andLogsProtocol() async throws {
        let observer = RecordingObserver()
        try await withTestServer(router: ServerTestRoutes.router(), observers: [observer]) { port, _ in
            let result = try await ExternalCommand.run(Self.curl, [
                "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{http_code}", "http://127.0.0.1:\(port)/hello",
            ])
            #expect(result.output == "hello\n2 200", "\(result.output)")
            // The same port still speaks HTTP/1.1 to everyone else.
            let plain = try await ExternalCommand.run(Self.curl, ["-sS", "-w", "\n%{http_version}", "http://127.0.0.1:\(port)/hello"])
            #expect(plain.output == "hello\n1.1")
        }
        #expect(observer.records.map(\.version.description) == ["HTTP/2", "HTTP/1.1"])
        #expect(observer.records.first?.route == "/hello")
    }

    @Test func upgradeH2C_firstRequestAnsweredAsStream1_thenMultiplexed() async throws {
        let observer = RecordingObserver()
        try await withTestServer(router: ServerTestRoutes.router(), observers: [observer]) { port, _ in
            // curl --http2 on an http:// URL sends `Upgrade: h2c`; the second URL reuses the connection.
            let result = try await ExternalCommand.run(Self.curl, [
                "-sS", "--http2", "-w", "\n%{http_version} %{http_code}\n", "http://127.0.0.1:\(port)/hello",
                "http://127.0.0.1:\(port)/items/3",
            ])
            #expect(result.output == "hello\n2 200\nitem 3\n2 200\n", "\(result.output)")
        }
        #expect(observer.records.map(\.version.description) == ["HTTP/2", "HTTP/2"])
        #expect(Set(observer.records.map(\.remoteAddress)).count == 1)
    }

    @Test func tls_alpnPicksH2() async throws {
        try await withTLSTestServer { port, _, fixture in
            let result = try await ExternalCommand.run(Self.curl, [
                "-sS", "--http2", "--cacert", fixture.certificates.caPath, "-w", "\n%{http_version} %{http_code}",
                "https://127.0.0.1:\(port)/items/7",
            ])
            #expect(result.output == "item 7\n2 200", "\(result.output)")
        }
    }

    @Test func post_bodyReachesHandlerIntact() async throws {
        let body = (0..<300_000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("h2-upload-\(UUID().uuidString)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let result = try await ExternalCommand.run(Self.curl, [
                "-sS", "--http2-prior-knowledge", "--data-binary", "@\(file.path)", "-o", "/dev/null",
                "-w", "%{http_version} %{http_code} %{size_download}", "http://127.0.0.1:\(port)/echo",
            ])
            #expect(result.output == "2 200 \(body.count)", "\(result.output)")
        }
    }

    /// Over TLS: curl 7.88 fails every multiplexed transfer after the first with
    /// `--http2-prior-knowledge --parallel` ("Error in the HTTP2 framing layer" before any frame is
    /// answered), so cleartext multiplexing is covered by the frame-level probe instead.
    @Test func manyStreams_oneConnection_allAnswered() async throws {
        let observer = RecordingObserver()
        try await withTLSTestServer(observers: [observer]) { port, _, fixture in
            let urls = (0..<60).flatMap { ["-o", "/dev/null", "https://127.0.0.1:\(port)/slow?ms=\(50 + $0)"] }
            let result = try await ExternalCommand.run(Self.curl, [
                "-sS", "--http2", "--cacert", fixture.certificates.caPath, "--parallel", "--parallel-max", "60",
                "-w", "%{http_version} %{http_code} %{num_connects}\n",
            ] + urls)
            // curl draws its parallel progress meter on stderr even with -s; keep the -w lines.
            let lines = result.output.split(separator: "\n").filter { $0.split(separator: " ").count == 3 }
            #expect(lines.count == 60, "\(result.output)")
            #expect(lines.allSatisfy { $0.hasPrefix("2 200") })
            // curl multiplexes: one connection made, the other transfers reuse it.
            #expect(lines.filter { $0.hasSuffix(" 1") }.count == 1)
        }
        #expect(observer.records.count == 60)
        #expect(Set(observer.records.map(\.remoteAddress)).count == 1)
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func stream101_refusedAlone_othersAnswered() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let probe = try await H2Probe.run("too-many-streams", port: port)
            #expect(probe.settings["3"] == 100, "SETTINGS_MAX_CONCURRENT_STREAMS")
            #expect(probe.status.count == 100 && probe.status.values.allSatisfy { $0 == 200 })
            #expect(probe.reset == ["201": 7], "REFUSED_STREAM on the 101st")
            #expect(probe.goaway == nil)
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func oversizedHeaderList_431_connectionGoesOn() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let probe = try await H2Probe.run("header-list", port: port)
            #expect(probe.settings["6"] == 16384, "SETTINGS_MAX_HEADER_LIST_SIZE")
            #expect(probe.status == ["1": 431, "3": 200])
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func pathOver8KiB_414_connectionGoesOn() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let probe = try await H2Probe.run("long-path", port: port)
            #expect(probe.status == ["1": 414, "3": 200])
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func idleConnection_goawayAndClosed() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.idleTimeout = .milliseconds(300) }) { port, server in
            let started = ContinuousClock.now
            let probe = try await H2Probe.run("idle", port: port)
            #expect(probe.status == ["1": 200])
            #expect(probe.goaway?.code == 0, "GOAWAY NO_ERROR before the close")
            #expect(probe.closed)
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func bodyOverLimit_413_connectionGoesOn() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.limits.maxBodyBytes = 100_000 }) { port, _ in
            let probe = try await H2Probe.run("body-too-large", port: port)
            #expect(probe.status == ["1": 413, "3": 200])
            #expect(probe.bodies["3"] == 1000)
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func rapidReset_goawayEnhanceYourCalm() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let probe = try await H2Probe.run("rapid-reset", port: port)
            #expect(probe.goaway?.code == 11, "ENHANCE_YOUR_CALM")
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func garbageAfterPreface_goawayAndClose_serverStillServes() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let probe = try await H2Probe.run("garbage", port: port)
            #expect(probe.goaway.map { [1, 6].contains($0.code) } == true, "PROTOCOL_ERROR or FRAME_SIZE_ERROR")
            #expect(probe.closed)
            #expect(await eventually { server.openConnections == 0 })
            let result = try await ExternalCommand.run(Self.curl, ["-sS", "--http2-prior-knowledge", "http://127.0.0.1:\(port)/hello"])
            #expect(result.output == "hello")
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func zeroWindowStall_idleTimeoutStillEndsTheConnection() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.idleTimeout = .milliseconds(500) }) { port, server in
            let started = ContinuousClock.now
            let probe = try await H2Probe.run("window-stall", port: port)
            #expect(probe.status == ["1": 200], "the answer's HEADERS need no window")
            #expect(probe.bodies["1"] == nil, "no DATA through a zero window")
            #expect(probe.goaway?.code == 0 && probe.closed, "GOAWAY NO_ERROR, then closed")
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    /// SETTINGS and PING each demand an ACK; a client that floods them without reading is cut off
    /// (nghttp2's outbound-ACK bound, or the write timeout once the unread output stops the reads).
    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"), arguments: ["settings-flood", "ping-flood"])
    func ackFlood_connectionEnded_othersServed(scenario: String) async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.writeTimeout = .seconds(2) }) { port, server in
            let started = ContinuousClock.now
            let probe = try await H2Probe.run(scenario, port: port)
            #expect(probe.closed, "the flooding connection is closed")
            #expect(ContinuousClock.now - started < .seconds(6))
            #expect(await eventually { server.openConnections == 0 })
            let result = try await ExternalCommand.run(Self.curl, ["-sS", "--http2-prior-knowledge", "http://127.0.0.1:\(port)/hello"])
            #expect(result.output == "hello")
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func continuationFlood_connectionEnded_othersServed() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let started = ContinuousClock.now
            let probe = try await H2Probe.run("continuation-flood", port: port)
            #expect(probe.closed, "the flooding connection is closed")
            #expect(probe.status.isEmpty, "the endless header block is never routed")
            #expect(ContinuousClock.now - started < .seconds(6))
            #expect(await eventually { server.openConnections == 0 })
            let result = try await ExternalCommand.run(Self.curl, ["-sS", "--http2-prior-knowledge", "http://127.0.0.1:\(port)/hello"])
            #expect(result.output == "hello")
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func hpackBomb_431_connectionGoesOn() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let probe = try await H2Probe.run("hpack-bomb", port: port)
            #expect(probe.status == ["1": 431, "3": 200], "the inflated list is refused, the HPACK state stays usable")
            #expect(probe.goaway == nil)
        }
    }

    @Test(.enabled(if: H2Probe.isAvailable, "needs h2 in .venv (scripts/python-h2.sh)"))
    func shutdown_goawayWithLastStream_inFlightFinishes() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            async let probe = H2Probe.run("in-flight", port: port)
            try await Task.sleep(for: .milliseconds(300))
            await server.shutdown()
            let seen = try await probe
            #expect(seen.goaway?.code == 0 && seen.goaway?.last == 1, "GOAWAY NO_ERROR, last stream 1")
            #expect(seen.status == ["1": 200])
            #expect(seen.bodies["1"] == "slow 800".utf8.count)
        }
    }

    @Test func shutdown_idleConnection_goawayAndClosedWithoutWaitingForGrace() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let client = try RawHTTPClient(port: port, tls: nil)
            try await client.send(PrefaceDetectionSession.preface + [0, 0, 0, 4, 0, 0, 0, 0, 0])  // + empty SETTINGS
            // The server's SETTINGS: the connection is HTTP/2 now, not still deciding on its preface.
            client.setTimeout(0.3)
            let preface = await client.readAll()
            #expect(preface.count >= 9 && preface[3] == 4)
            client.setTimeout(5)
            let started = ContinuousClock.now
            await server.shutdown()
            #expect(ContinuousClock.now - started < .seconds(2), "the 5 s grace period is not waited out")
            var frames: [UInt8] = []
            var bytes = (preface + (await client.readAll()))[...]
            while bytes.count >= 9 {
                let length = Int(bytes[bytes.startIndex]) << 16 | Int(bytes[bytes.startIndex + 1]) << 8 | Int(bytes[bytes.startIndex + 2])
                frames.append(bytes[bytes.startIndex + 3])
                bytes = bytes.dropFirst(min(bytes.count, 9 + length))
            }
            #expect(frames.first == 4 && frames.last == 7, "SETTINGS first, GOAWAY last: \(frames)")
        }
    }
}
