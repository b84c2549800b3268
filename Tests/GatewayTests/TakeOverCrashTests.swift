import Emulator
import Foundation
import Testing
import TestSupport

/// A take-over interrupted by `kill -9`: the gateway dies while Azure (an emulator process, which
/// outlives it) holds the call it made after disabling the Azure schedule. Afterwards the schedule is
/// run by neither side for the moment — never by both — and running the take-over again on a
/// restarted gateway finishes it without a second PUT.
@Suite(.serialized) struct TakeOverCrashTests {
    typealias Served = ServeProcessTests.Served

    /// `method path` on the emulator process with a token it issued, as the SDK calls Azure.
    static func azure(_ port: Int, _ method: String, _ path: String, body: String = "") async throws -> RawHTTPResponse {
        let form = "grant_type=client_credentials&client_id=c&client_secret=s&scope=x%2F.default"
        let client = try RawHTTPClient(port: port, timeout: 20)
        try await client.send(
            "POST /\(AzureMLEmulator.tenantID)/oauth2/v2.0/token HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: \(form.utf8.count)\r\n\r\n\(form)")
        let issued = try #require(try await client.readResponse().json?["access_token"] as? String)
        let call = try RawHTTPClient(port: port, timeout: 20)
        try await call.send(
            "\(method) \(path) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(issued)\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try await call.readResponse()
    }

    static func azureStatus(_ port: Int, _ id: String) async throws -> String {
        GatewayHarness.entityStatusName(try await azure(port, "GET", GatewayHarness.workspacePath + "/Schedules/\(id)").json?["EntityStatus"])
    }

    @Test func killedAfterTheAzurePut_neitherSideRunsIt_andARerunFinishesWithoutASecondPut() async throws {
        let directory = NSTemporaryDirectory() + "gw-takeover-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let emulator = try Served(arguments: ["emulator", "--listen", "127.0.0.1:0", "--data", "\(directory)/emulator"])
        defer { kill(emulator.process.processIdentifier, SIGKILL) }
        let emulatorPort = try #require(await emulator.port(), "no listening line in: \(emulator.log)")
        let environment = ScheduleCrashStormTests.environment(directory: directory, emulatorURL: "http://127.0.0.1:\(emulatorPort)")

        let created = try await Self.azure(
            emulatorPort, "POST", GatewayHarness.workspacePath + "/Schedules/Create",
            body: V1ScheduleBodies.minutes("every15", every: 15, from: "2026-11-25T09:00:00"))
        #expect(created.status == 200, "\(created.bodyText)")
        let azureID = try #require(created.json?["Id"] as? String)

        let first = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        let port = try #require(await first.port(), "no listening line in: \(first.log)")
        let imported = try await ScheduleCrashStormTests.call(port, "POST", "/v1/imports", body: #"{"mode":"import"}"#)
        #expect(imported.status == 200, "\(imported.bodyText)")
        // Azure holds the last-run read, which comes after the PUT that disables the Azure schedule.
        let fault = try await ScheduleCrashStormTests.call(
            emulatorPort, "POST", "/emulator/faults", body: #"{"operation":"list_pipeline_runs","delay_ms":15000}"#)
        #expect(fault.status == 201)
        let takeOver = Task { try? await ScheduleCrashStormTests.call(port, "POST", "/v1/imports", body: #"{"mode":"take_over"}"#) }
        let disabled = try await TriggerCrashTests.poll(seconds: 10) { try await Self.azureStatus(emulatorPort, azureID) == "Disabled" }
        #expect(disabled, "the take-over reached the Azure PUT")
        try await Task.sleep(for: .milliseconds(300))
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.waitForExit()
        takeOver.cancel()
        _ = try await ScheduleCrashStormTests.call(emulatorPort, "DELETE", "/emulator/faults")

        let second = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        defer { kill(second.process.processIdentifier, SIGKILL) }
        let port2 = try #require(await second.port(), "no listening line in: \(second.log)")
        let copies = try await ScheduleCrashStormTests.call(port2, "GET", "/v1/schedules?active_only=false").json?["items"] as? [[String: Any]] ?? []
        #expect(copies.count == 1)
        let copy = try #require(copies.first)
        #expect(copy["status"] as? String == "Disabled", "never both: Azure is disabled, so the copy must not run yet")
        #expect(try await Self.azureStatus(emulatorPort, azureID) == "Disabled")

        _ = try await ScheduleCrashStormTests.call(emulatorPort, "DELETE", "/emulator/calls")
        let finished = try await ScheduleCrashStormTests.call(port2, "POST", "/v1/imports", body: #"{"mode":"take_over"}"#)
        let row = (finished.json?["items"] as? [[String: Any]])?.first { $0["azure_schedule_id"] as? String == azureID }
        #expect(row?["outcome"] as? String == "taken_over", "\(finished.bodyText)")
        let after = try await ScheduleCrashStormTests.call(port2, "GET", "/v1/schedules/\(copy["id"] as? String ?? "")")
        #expect(after.json?["status"] as? String == "Active")
        let calls = try await ScheduleCrashStormTests.call(emulatorPort, "GET", "/emulator/calls").json?["items"] as? [[String: Any]] ?? []
        #expect(!calls.contains { $0["operation"] as? String == "put_schedule" }, "already disabled in Azure: no second PUT")
    }
}
