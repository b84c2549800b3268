import Foundation
import Testing
import TestSupport

/// The gateway killed (SIGKILL) between recording a run and hearing Azure's answer: the restarted
/// gateway finds the run `Submitting` and settles it by its tag — sent once, never lost.
@Suite(.serialized) struct TriggerCrashTests {
    typealias Served = ServeProcessTests.Served

    static func call(_ port: Int, _ method: String, _ target: String, body: String = "") async throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: port, timeout: 20)
        try await client.send("\(method) \(target) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try await client.readResponse()
    }

    /// The in-process emulator's port, from the gateway's log.
    static func emulatorPort(_ served: Served) async -> Int? {
        _ = await eventually(timeout: .seconds(10)) { served.log.contains("\"emulator_url\"") }
        guard let range = served.log.range(of: #""emulator_url":"http://127.0.0.1:(\d+)""#, options: .regularExpression) else { return nil }
        return Int(served.log[range].split(separator: ":").last?.dropLast() ?? "")
    }

    /// Polls `condition` (which may call the gateway) for up to `seconds`.
    static func poll(seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 10) {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func killedMidSubmit_theRestartedGatewaySendsTheRunOnce() async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-crash-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let environment = ["GATEWAY_DATA_DIR": dataDirectory, "GATEWAY_LOG_LEVEL": "info"]

        let first = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        let port = try #require(await first.port(), "no listening line in: \(first.log)")
        let emulator = try #require(await Self.emulatorPort(first), "no emulator_url in: \(first.log)")
        // Azure (the emulator) holds the submit for 10 s: the gateway has recorded the run and waits.
        let fault = try await Self.call(emulator, "POST", "/emulator/faults", body: #"{"operation":"submit","delay_ms":10000}"#)
        #expect(fault.status == 201)
        let trigger = Task { try? await Self.call(port, "POST", "/v1/pipelines/d3e0a1b2-0000-4000-8000-000000000001/runs", body: #"{"ExperimentName":"crash-test"}"#) }
        var runID: String?
        let recorded = try await Self.poll(seconds: 10) {
            let items = try await Self.call(port, "GET", "/v1/runs").json?["items"] as? [[String: Any]] ?? []
            runID = items.first?["id"] as? String
            return items.first?["status"] as? String == "Submitting"
        }
        #expect(recorded)
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.waitForExit()
        trigger.cancel()

        let second = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        defer { kill(second.process.processIdentifier, SIGKILL) }
        let port2 = try #require(await second.port(), "no listening line in: \(second.log)")
        let emulator2 = try #require(await Self.emulatorPort(second))
        let id = try #require(runID)
        let settled = try await Self.poll(seconds: 20) {
            try await Self.call(port2, "GET", "/v1/runs/\(id)").json?["azure_run_id"] is String
        }
        #expect(settled, "the run was not settled: \(second.log.suffix(2000))")
        let calls = try await Self.call(emulator2, "GET", "/emulator/calls").json?["items"] as? [[String: Any]] ?? []
        let submits = calls.filter { $0["operation"] as? String == "submit" }
        #expect(submits.count == 1)
        #expect(((submits.first?["body"] as? [String: Any])?["tags"] as? [String: Any])?["gateway_run_id"] as? String == id)
    }
}
