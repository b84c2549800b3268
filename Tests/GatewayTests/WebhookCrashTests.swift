import Foundation
import Testing
import TestSupport

/// The gateway killed (SIGKILL) after answering a webhook delivery 202 and before Azure accepted the
/// run: the restarted gateway sends it once; the sender's retry of the delivery starts nothing new.
@Suite(.serialized) struct WebhookCrashTests {
    typealias Served = ServeProcessTests.Served
    typealias Crash = TriggerCrashTests

    @Test func killedAfter202BeforeForwarding_oneRunAfterRestart_retryStartsNothing() async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-hook-crash-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let environment = ["GATEWAY_DATA_DIR": dataDirectory, "GATEWAY_LOG_LEVEL": "info"]
        let token = "crash-token-0123456789abcdef"

        let first = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        let port = try #require(await first.port(), "no listening line in: \(first.log)")
        let emulator = try #require(await Crash.emulatorPort(first), "no emulator_url in: \(first.log)")
        let created = try await Crash.call(port, "POST", "/v1/webhooks", body: """
            {"name":"crash","pipeline_id":"d3e0a1b2-0000-4000-8000-000000000001","experiment_name":"crash-test","scheme":"token",
             "secrets":["\(token)"],"parameter_assignments":{"input_string":"{{/file}}"}}
            """)
        let hookID = try #require(created.json?["id"] as? String, "\(created.bodyText)")
        // Azure (the emulator) holds the submit for 10 s: the delivery is answered, the forward waits.
        #expect(try await Crash.call(emulator, "POST", "/emulator/faults", body: #"{"operation":"submit","delay_ms":10000}"#).status == 201)
        let delivery = "/hooks/\(hookID)?code=\(token)"
        let accepted = try await Self.deliver(port, delivery)
        #expect(accepted.status == 202, "\(accepted.bodyText)")
        let runID = try #require(accepted.json?["id"] as? String)
        #expect(accepted.json?["status"] as? String == "Submitting")
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.waitForExit()

        let second = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        defer { kill(second.process.processIdentifier, SIGKILL) }
        let port2 = try #require(await second.port(), "no listening line in: \(second.log)")
        let emulator2 = try #require(await Crash.emulatorPort(second))
        let settled = try await Crash.poll(seconds: 20) {
            try await Crash.call(port2, "GET", "/v1/runs/\(runID)").json?["azure_run_id"] is String
        }
        #expect(settled, "the run was not settled: \(second.log.suffix(2000))")

        // A sender that retries the delivery anyway (most do, on any doubt) gets the first answer; nothing new starts.
        let retried = try await Self.deliver(port2, delivery)
        #expect(retried.status == 202 && retried.header("Idempotent-Replayed") == "true")
        #expect(retried.json?["id"] as? String == runID)
        try await Task.sleep(for: .milliseconds(500))
        let calls = try await Crash.call(emulator2, "GET", "/emulator/calls").json?["items"] as? [[String: Any]] ?? []
        let submits = calls.filter { $0["operation"] as? String == "submit" }
        #expect(submits.count == 1)
        #expect(((submits.first?["body"] as? [String: Any])?["tags"] as? [String: Any])?["gateway_run_id"] as? String == runID)
        let runs = try await Crash.call(port2, "GET", "/v1/runs?source=webhook").json?["items"] as? [[String: Any]] ?? []
        #expect(runs.count == 1)
        #expect(!first.log.contains(token) && !second.log.contains(token), "the secret appears in no log line")
    }

    static func deliver(_ port: Int, _ target: String) async throws -> RawHTTPResponse {
        let body = #"{"file":"landed.csv"}"#
        let client = try RawHTTPClient(port: port, timeout: 20)
        try await client.send(
            "POST \(target) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nIdempotency-Key: delivery-1\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try await client.readResponse()
    }
}
