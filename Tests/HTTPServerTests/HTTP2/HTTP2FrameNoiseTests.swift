@testable import HTTPServer
import Testing
import Foundation
import TestSupport

/// Arbitrary frames after the connection preface go through the nghttp2 glue without crashing
/// the server or leaking a connection: a fixed-seed companion of the fuzz target
/// (Fuzz/Sources/HTTP2SessionFuzzer), fast enough for every run, and a replay of that target's
/// seeds and of every input it ever failed on (Fuzz/seeds-h2, Fuzz/regressions-h2). Frames are random but shaped (plausible lengths, types, stream ids) so they get past
/// the frame header and exercise the callbacks, not just the first length check.
@Suite struct HTTP2FrameNoiseTests {
    /// xorshift64*: reproducible across runs and platforms, unlike `SystemRandomNumberGenerator`.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    static func noise(seed: UInt64) -> [UInt8] {
        var random = SeededGenerator(state: seed &+ 0x9E37_79B9_7F4A_7C15)
        var bytes = PrefaceDetectionSession.preface
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let length = Int.random(in: 0...80, using: &random)
            let type = UInt8.random(in: 0...10, using: &random)
            let flags = UInt8.random(in: 0...255, using: &random)
            let stream = UInt32.random(in: 0...7, using: &random)
            bytes += [UInt8(length >> 16), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags]
            bytes += [UInt8(stream >> 24), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)]
            bytes += (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return bytes
    }

    @Test func randomFramesAfterPreface_noCrashNoLeak() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            for seed in UInt64(0)..<300 {
                let client = try RawHTTPClient(port: port, timeout: 2, tls: nil)
                try await client.send(Self.noise(seed: seed))
                client.shutdownWrite()
                _ = await client.readAll()
            }
            #expect(await eventually { server.openConnections == 0 })
            let client = try RawHTTPClient(port: port, tls: nil)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().bodyText == "hello")
        }
    }

    static let fuzzDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    static var fuzzInputs: [String] {
        ["seeds-h2", "regressions-h2"].flatMap { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: fuzzDirectory.appendingPathComponent(folder).path)) ?? []
            return names.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func fuzzSeedsArePresent() {
        #expect(Self.fuzzInputs.count >= 9)
    }

    /// The fuzz target's property: after the client ends its side, the server closes the
    /// connection; the server stays up for the next input.
    @Test(arguments: fuzzInputs)
    func fuzzInput_replayed_connectionClosedByServer(_ name: String) async throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fuzzDirectory.appendingPathComponent(name)))
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let client = try RawHTTPClient(port: port, timeout: 5, tls: nil)
            try await client.send(PrefaceDetectionSession.preface + bytes)
            client.shutdownWrite()
            _ = await client.readAll()
            #expect(await eventually { server.openConnections == 0 }, "the server still holds the connection")
            let next = try RawHTTPClient(port: port, tls: nil)
            try await next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await next.readResponse().bodyText == "hello")
        }
    }
}
