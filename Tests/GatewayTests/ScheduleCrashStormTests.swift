import Emulator
import Foundation
import Storage
import Testing
import TestSupport

/// The scheduler's exactly-once promise under `kill -9`: 50 minute schedules with `catchup: all` fire on a
/// clock 60× faster than the wall clock (one scheduled minute per real second) while the gateway is
/// killed at random moments and restarted on the same SQLite file. Afterwards every occurrence in the
/// window has exactly one run in the ledger and exactly one submission in the emulator (a separate
/// process, so it outlives every kill) — none missing, none doubled.
///
/// `CRASH_STORM_KILLS` sets the number of kills: 5 in `make test`, 20 in `make soak`.
@Suite(.serialized) struct ScheduleCrashStormTests {
    typealias Served = ServeProcessTests.Served

    static let schedules = 50
    static let scale = 60.0
    static var kills: Int { Int(ProcessInfo.processInfo.environment["CRASH_STORM_KILLS"] ?? "") ?? 5 }

    static func call(_ port: Int, _ method: String, _ target: String, body: String = "") async throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: port, timeout: 20)
        try await client.send(
            "\(method) \(target) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try await client.readResponse()
    }

    /// A gateway process (test mode, info logs for its listening line) on its own SQLite file, talking
    /// to the emulator process at `emulatorURL` as its workspace: that emulator outlives every kill.
    static func environment(directory: String, emulatorURL: String) -> [String: String] {
        [
            "GATEWAY_TESTING": "1", "GATEWAY_LOG_LEVEL": "info", "GATEWAY_DATA_DIR": "\(directory)/gateway",
            "GATEWAY_DATABASE": "sqlite:\(directory)/gateway.sqlite3",
            "AZUREML_SUBSCRIPTION_ID": AzureMLEmulator.subscriptionID, "AZUREML_RESOURCE_GROUP": AzureMLEmulator.resourceGroup,
            "AZUREML_WORKSPACE": AzureMLEmulator.workspaceName, "AZUREML_ENDPOINT": emulatorURL, "AZURE_AUTHORITY_HOST": emulatorURL,
            "AZURE_TENANT_ID": AzureMLEmulator.tenantID, "AZURE_CLIENT_ID": "crash-test", "AZURE_CLIENT_SECRET": "crash-test-secret",
        ]
    }

    static func utcText(_ date: Date, fraction: Bool) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fraction ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    @Test func killedTwentyTimesWhileFiring_everyOccurrenceIsSubmittedExactlyOnce() async throws {
        let directory = NSTemporaryDirectory() + "gw-storm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        let emulator = try Served(arguments: ["emulator", "--listen", "127.0.0.1:0", "--run-seconds", "1", "--data", "\(directory)/emulator"])
        defer { kill(emulator.process.processIdentifier, SIGKILL) }
        let emulatorPort = try #require(await emulator.port(), "no listening line in: \(emulator.log)")
        let emulatorURL = "http://127.0.0.1:\(emulatorPort)"

        // One timeline for every process: scaled time = origin + 60 × (wall − origin).
        let origin = Date()
        let environment = Self.environment(directory: directory, emulatorURL: emulatorURL)
        let arguments = [
            "serve", "--listen", "127.0.0.1:0", "--clock-scale", String(Int(Self.scale)), "--clock-origin", Self.utcText(origin, fraction: true),
        ]
        func start() async throws -> (Served, Int) {
            let served = try Served(arguments: arguments, environment: environment)
            let port = try #require(await served.port(), "no listening line in: \(served.log)")
            return (served, port)
        }

        var (gateway, port) = try await start()
        // Whatever happens below, no gateway outlives the test (defer reads the latest one).
        defer { kill(gateway.process.processIdentifier, SIGKILL) }
        // Minute schedules anchored at the origin's minute: occurrences fall on whole scaled minutes.
        let anchor = Self.utcText(Date(timeIntervalSince1970: floor(origin.timeIntervalSince1970 / 60) * 60), fraction: false).dropLast()
        for index in 0..<Self.schedules {
            let body = #"{"name":"storm-\#(index)","pipeline_id":"\#(AzureMLEmulator.demoPipelineID)","experiment_name":"storm","#
                + #""pipeline_parameters":{"input_string":"s\#(index)"},"catchup":"all","#
                + #""recurrence":{"frequency":"Minute","interval":1,"start_time":"\#(anchor)"}}"#
            let created = try await Self.call(port, "POST", "/v1/schedules", body: body)
            #expect(created.status == 201, "\(created.bodyText)")
        }

        // The storm: run 1–3.5 s (60–210 scheduled minutes of fires), kill -9, stay down 0–1 s, restart.
        var timeline: [String] = []
        for kill in 1...Self.kills {
            let up = Double.random(in: 1.0...3.5)
            try await Task.sleep(for: .milliseconds(Int(up * 1000)))
            Glibc.kill(gateway.process.processIdentifier, SIGKILL)
            _ = await gateway.waitForExit()
            let down = Double.random(in: 0...1.0)
            timeline.append(String(format: "kill %d after %.2fs up, %.2fs down", kill, up, down))
            try await Task.sleep(for: .milliseconds(Int(down * 1000)))
            (gateway, port) = try await start()
        }

        // The last process catches up and runs on; then nothing may be left mid-submit.
        try await Task.sleep(for: .seconds(3))
        var pending = -1
        for _ in 0..<100 {
            let items = try await Self.call(port, "GET", "/v1/runs?status=Submitting&limit=500").json?["items"] as? [[String: Any]]
            pending = items?.count ?? -1
            if pending == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(pending == 0, "runs left Submitting; \(timeline)")
        Glibc.kill(gateway.process.processIdentifier, SIGTERM)
        #expect(await gateway.waitForExit(timeout: .seconds(40)) == 0, "\(gateway.log.suffix(2000))")
        let stoppedAt = origin.addingTimeInterval(Date().timeIntervalSince(origin) * Self.scale)

        // What the emulator received, by the gateway's run id tag.
        let calls = try await Self.call(emulatorPort, "GET", "/emulator/calls").json?["items"] as? [[String: Any]] ?? []
        var submissions: [String: Int] = [:]
        for call in calls where call["operation"] as? String == "submit" {
            let body = call["body"] as? [String: Any]
            let tags = (body?["tags"] ?? body?["Tags"]) as? [String: Any]
            submissions[tags?["gateway_run_id"] as? String ?? "untagged", default: 0] += 1
        }

        let store = try SQLiteStore(path: "\(directory)/gateway.sqlite3")
        defer { store.close() }
        let scheduleList = try await store.schedules(activeOnly: false, pipelineID: nil, limit: 500, cursor: nil).items
        #expect(scheduleList.count == Self.schedules)
        var occurrences = 0
        for schedule in scheduleList {
            let runs = try await store.runs(RunFilter(scheduleID: schedule.id), limit: 100_000, cursor: nil).items
            let times = runs.compactMap(\.scheduledTime).sorted()
            occurrences += times.count
            guard let first = times.first, let last = times.last else {
                Issue.record("\(schedule.name) never fired; \(timeline)")
                continue
            }
            // None missing: one run per scheduled minute, from the first after creation to the end.
            #expect(first.timeIntervalSince(schedule.createdAt) <= 60, "\(schedule.name) first fired at \(first)")
            #expect(stoppedAt.timeIntervalSince(last) <= 120, "\(schedule.name) stopped firing at \(last), stopped \(stoppedAt)")
            let gaps = zip(times, times.dropFirst()).filter { $1.timeIntervalSince($0) != 60 }
            #expect(gaps.isEmpty, "\(schedule.name): occurrences not exactly a minute apart: \(gaps.prefix(5)); \(timeline)")
            #expect(Set(times).count == times.count, "\(schedule.name): an occurrence recorded twice")
            // None doubled: each run reached the emulator once, and was accepted.
            for run in runs {
                #expect(submissions[run.id] == 1, "\(run.id) (\(run.status)) submitted \(submissions[run.id] ?? 0) times; \(timeline)")
                #expect(run.azureRunID != nil && run.status != "Submitting" && run.status != "Missed", "\(run)")
            }
        }
        #expect(submissions.values.reduce(0, +) == occurrences, "submissions without a ledger run; \(timeline)")
        print("crash storm: \(Self.kills) kills, \(Self.schedules) schedules, \(occurrences) occurrences, \(submissions.values.reduce(0, +)) submissions; \(timeline)")
        // The storm must have produced a real load: at least 50 fires per real second it ran.
        #expect(occurrences >= Self.schedules * Self.kills, "only \(occurrences) occurrences")
    }
}

/// A change-based schedule killed while it records and sends a folder's new files: after restarts,
/// every file has exactly one run and exactly one submission.
@Suite(.serialized) struct DatastoreCrashTests {
    typealias Served = ServeProcessTests.Served

    @Test func killedWhileFilesAreBeingStarted_everyFileRunsExactlyOnce() async throws {
        let directory = NSTemporaryDirectory() + "gw-dscrash-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let emulator = try Served(arguments: ["emulator", "--listen", "127.0.0.1:0", "--run-seconds", "1", "--data", "\(directory)/emulator"])
        defer { kill(emulator.process.processIdentifier, SIGKILL) }
        let emulatorPort = try #require(await emulator.port(), "no listening line in: \(emulator.log)")
        let emulatorURL = "http://127.0.0.1:\(emulatorPort)"
        var environment = ScheduleCrashStormTests.environment(directory: directory, emulatorURL: emulatorURL)
        environment["GATEWAY_CLOCK_SCALE"] = "60"
        environment["GATEWAY_CLOCK_ORIGIN"] = ScheduleCrashStormTests.utcText(Date(), fraction: true)
        var gateway = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
        defer { kill(gateway.process.processIdentifier, SIGKILL) }
        var port = try #require(await gateway.port(), "no listening line in: \(gateway.log)")
        let body = #"{"name":"watch","pipeline_id":"\#(AzureMLEmulator.demoPipelineID)","experiment_name":"crash","pipeline_parameters":{"input_string":"x"},"datastore":"workspaceblobstore","path_on_datastore":"input","polling_interval":1,"data_path_parameter_name":"input_datapath"}"#
        let created = try await ScheduleCrashStormTests.call(port, "POST", "/v1/schedules", body: body)
        #expect(created.status == 201, "\(created.bodyText)")

        // Files keep landing while the gateway is killed twice mid-poll.
        let folder = "\(directory)/emulator/blobs/workspaceblobstore/input"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written = 0
        for round in 0..<3 {
            for _ in 0..<150 {
                try Data("\(written)\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/file-\(written).csv"))
                written += 1
            }
            guard round < 2 else { break }
            try await Task.sleep(for: .milliseconds(Int.random(in: 900...1600)))
            kill(gateway.process.processIdentifier, SIGKILL)
            _ = await gateway.waitForExit()
            gateway = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: environment)
            port = try #require(await gateway.port(), "no listening line in: \(gateway.log)")
        }
        // Wait until every file has an accepted run, then stop cleanly.
        var settled = false
        for _ in 0..<450 {
            let pending = try await ScheduleCrashStormTests.call(port, "GET", "/v1/runs?status=Submitting").json?["items"] as? [Any]
            let all = try await ScheduleCrashStormTests.call(port, "GET", "/v1/runs?source=datastore&limit=500").json?["items"] as? [Any]
            if pending?.isEmpty == true, all?.count == written { settled = true; break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(settled, "not every file was started: \(gateway.log.suffix(1500))")
        kill(gateway.process.processIdentifier, SIGTERM)
        _ = await gateway.waitForExit(timeout: .seconds(40))

        let calls = try await ScheduleCrashStormTests.call(emulatorPort, "GET", "/emulator/calls").json?["items"] as? [[String: Any]] ?? []
        var submitsByFile: [String: Int] = [:]
        for call in calls where call["operation"] as? String == "submit" {
            let assignments = (call["body"] as? [String: Any])?["DataPathAssignments"] as? [String: Any]
            let path = (assignments?["input_datapath"] as? [String: Any])?["RelativePath"] as? String ?? "?"
            submitsByFile[path, default: 0] += 1
        }
        #expect(submitsByFile.count == written, "\(submitsByFile.count) files submitted of \(written)")
        #expect(submitsByFile.values.allSatisfy { $0 == 1 }, "sent twice: \(submitsByFile.filter { $0.value > 1 }.keys.sorted())")
        let store = try SQLiteStore(path: "\(directory)/gateway.sqlite3")
        defer { store.close() }
        let runs = try await store.runs(RunFilter(source: "datastore"), limit: 10_000, cursor: nil).items
        #expect(runs.count == written)
        #expect(Set(runs.compactMap(\.triggerFile)).count == written, "one run per file")
    }
}
