import Foundation
@testable import Gateway
import SchedulesAsCode
import Testing
import TestSupport

/// `POST /v1/imports` and `import-schedules` against the built-in emulator holding SDK-made v1
/// schedules: import (Disabled copies, re-runs update and never duplicate, a schedule with no
/// gateway form is reported and skipped), take-over (Azure disabled first, the gateway copy armed
/// from the first occurrence after the last Azure run), an interrupted take-over finished by a
/// re-run, give-back, bad bodies, and the command line.
@Suite(.serialized)
struct ImportEndToEndTests {
    @Test func import_makesDisabledCopies_reRunsUpdateOrLeaveThem_neverDuplicate() async throws {
        try await GatewayHarness.with { gateway in
            let weekly = try await gateway.createV1Schedule(V1ScheduleBodies.weekly)
            let onBlob = try await gateway.createV1Schedule(V1ScheduleBodies.dataStore)
            let onEndpoint = try await gateway.createV1Schedule(V1ScheduleBodies.endpointMinute)
            let withDataset = try await gateway.createV1Schedule(V1ScheduleBodies.withDataset)
            try await Task.sleep(for: .milliseconds(1200))  // so that Azure's creation and the import's are different seconds

            let first = try await gateway.importSchedules(#"{"mode":"import"}"#)
            #expect(first.response.status == 200, "\(first.response.bodyText)")
            #expect(first.rows.count == 4)
            for id in [weekly, onBlob, onEndpoint] {
                #expect(first.rows[id]?["outcome"] as? String == "imported", "\(first.rows[id] ?? [:])")
            }
            #expect(first.rows[withDataset]?["outcome"] as? String == "not_convertible")
            #expect((first.rows[withDataset]?["reason"] as? String)?.contains("DataSetDefinitionValueAssignments") == true)
            #expect(first.rows[withDataset]?["schedule_id"] is NSNull, "nothing stored for it")

            let copies = try await gateway.gatewaySchedules()
            #expect(copies.count == 3)
            #expect(copies.allSatisfy { $0["status"] as? String == "Disabled" }, "imported copies wait for the take-over")
            let byOrigin = Dictionary(uniqueKeysWithValues: copies.map { ($0["imported_from"] as? String ?? "", $0) })
            let weeklyCopy = try #require(byOrigin[weekly])
            #expect(weeklyCopy["id"] as? String == first.rows[weekly]?["schedule_id"] as? String)
            let recurrence = try #require(weeklyCopy["recurrence"] as? [String: Any])
            #expect(recurrence["time_zone"] as? String == "W. Europe Standard Time")
            #expect(recurrence["week_days"] as? [String] == ["Monday", "Friday"])
            #expect(weeklyCopy["pipeline_parameters"] as? [String: String] == ["input_string": "0.2"])
            #expect(byOrigin[onBlob]?["datastore"] as? String == "workspaceblobstore")
            #expect(byOrigin[onBlob]?["data_path_parameter_name"] as? String == "input_datapath")
            #expect(byOrigin[onEndpoint]?["pipeline_endpoint_id"] as? String == V1ScheduleBodies.endpoint)
            // No StartTime: Azure runs it from its creation, so the copy is anchored there too.
            let azureCreated = try #require(try await gateway.azure("GET", "/Schedules/\(onEndpoint)").json?["CreatedDate"] as? String)
            #expect((byOrigin[onEndpoint]?["created_at"] as? String)?.prefix(19) == azureCreated.prefix(19), "\(azureCreated)")

            let again = try await gateway.importSchedules(#"{"mode":"import"}"#)
            for id in [weekly, onBlob, onEndpoint] {
                #expect(again.rows[id]?["outcome"] as? String == "unchanged", "\(again.rows[id] ?? [:])")
            }

            // Azure's schedule changes (the SDK's update: the whole entity, a new description and hours).
            var entity = try #require(try await gateway.azure("GET", "/Schedules/\(weekly)").json)
            var submission = try #require(entity["PipelineSubmissionInfo"] as? [String: Any])
            submission["Description"] = "weekly, later"
            submission["ParameterAssignments"] = [String: String]()
            entity["PipelineSubmissionInfo"] = submission
            entity["Recurrence"] = ["Frequency": "Week", "Interval": 1, "StartTime": "2026-11-25T02:00:00", "TimeZone": "W. Europe Standard Time",
                                    "Schedule": ["Hours": [3], "Minutes": [0], "WeekDays": ["Monday"]]]
            let put = try await gateway.azure("PUT", "/Schedules/\(weekly)", body: String(decoding: try JSONSerialization.data(withJSONObject: entity), as: UTF8.self))
            #expect(put.status == 200, "\(put.bodyText)")

            let third = try await gateway.importSchedules(#"{"mode":"import"}"#)
            #expect(third.rows[weekly]?["outcome"] as? String == "updated", "\(third.rows[weekly] ?? [:])")
            #expect(third.rows[onBlob]?["outcome"] as? String == "unchanged")
            let after = try await gateway.gatewaySchedules()
            #expect(after.count == 3, "updated in place, never a second copy")
            let updated = try #require(after.first { $0["imported_from"] as? String == weekly })
            #expect(updated["description"] as? String == "weekly, later")
            #expect((updated["pipeline_parameters"] as? [String: String])?.isEmpty ?? true, "a parameter Azure dropped is dropped")
            #expect((updated["recurrence"] as? [String: Any])?["hours"] as? [Int] == [3])
            #expect(updated["status"] as? String == "Disabled")
        }
    }

    /// The scheduler's test clock runs 20× from T (now, to the second). The Azure schedule, created just
    /// after T, fires every minute on the minute grid of T; it ran its T + 1 min occurrence (a simulated
    /// Azure fire at T + 62 s), so the gateway's first fire must be T + 2 min: not T + 1 min again
    /// (double), not T + 3 min (lost). T + 2 min is 6 real seconds after T.
    @Test func takeOver_disablesAzureFirst_thenFiresFromTheFirstOccurrenceAfterTheLastAzureRun() async throws {
        let origin = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let text = { (date: Date, zone: Bool) -> String in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = zone ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss"
            return formatter.string(from: date)
        }
        let clock = ["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "20", "GATEWAY_CLOCK_ORIGIN": text(origin, true)]
        try await GatewayHarness.with(environment: clock) { gateway in
            let body = V1ScheduleBodies.minutes("every-minute", every: 1, from: text(origin.addingTimeInterval(-3600), false))
            let azureID = try await gateway.createV1Schedule(body)
            let lastAzureRun = text(origin.addingTimeInterval(62), true)
            let fired = try await gateway.request("POST", "/emulator/schedules/\(azureID)/fire", body: #"{"time":"\#(lastAzureRun)"}"#, toEmulator: true)
            #expect(fired.status == 201, "\(fired.bodyText)")
            _ = try await gateway.request("DELETE", "/emulator/calls", toEmulator: true)

            let result = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            let row = try #require(result.rows[azureID], "\(result.response.bodyText)")
            #expect(row["outcome"] as? String == "taken_over", "\(row)")
            #expect((row["reason"] as? String)?.contains(String(lastAzureRun.dropLast())) == true, "\(row)")
            let scheduleID = try #require(row["schedule_id"] as? String)

            #expect(try await gateway.v1ScheduleStatus(azureID) == "Disabled")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Active")
            let calls = try await gateway.request("GET", "/emulator/calls", toEmulator: true).json?["items"] as? [[String: Any]] ?? []
            let operations = calls.compactMap { $0["operation"] as? String }
            let put = try #require(operations.firstIndex(of: "put_schedule"), "\(operations)")
            let lastRead = try #require(operations.lastIndex(of: "list_pipeline_runs"), "\(operations)")
            #expect(put < lastRead, "the last run is read after the Azure schedule is disabled: \(operations)")

            var firstRun: [String: Any]?
            for _ in 0..<100 where firstRun == nil {
                let runs = try await gateway.get("/v1/schedules/\(scheduleID)/runs").json?["items"] as? [[String: Any]] ?? []
                firstRun = runs.last
                if firstRun == nil { try await Task.sleep(for: .milliseconds(200)) }
            }
            let copy = try await gateway.get("/v1/schedules/\(scheduleID)").bodyText
            let next = try await gateway.get("/v1/schedules/\(scheduleID)/next").bodyText
            let run = try #require(firstRun, "the gateway never fired the schedule: \(row) \(copy) \(next)")
            #expect(run["scheduled_time"] as? String == String(text(origin.addingTimeInterval(120), true).dropLast()) + ".000Z", "\(run)")

            let again = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            #expect(again.rows[azureID]?["outcome"] as? String == "unchanged")
            #expect((again.rows[azureID]?["reason"] as? String)?.contains("Already taken over") == true)
        }
    }

    /// A datastore schedule: a file written before Azure's last run was Azure's to run (a new file makes
    /// a run); one written after it Azure never saw, so the gateway copy's first poll runs it, once.
    @Test func takeOver_ofAWatchedFolder_runsOnlyTheFilesAzureHadNotRun() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60"]) { gateway in
            let body = FacadeFixture.datastoreCreate.replacingOccurrences(of: #""PollingInterval":10"#, with: #""PollingInterval":1"#)
                .replacingOccurrences(of: "incoming/data", with: "handover")
            let azureID = try await gateway.createV1Schedule(body)
            _ = try await EventGridEndToEndTests.putBlob(gateway, "handover/before.csv", "a")
            // Blob times have whole seconds: keep each step in its own second.
            try await Task.sleep(for: .milliseconds(1_100))
            let formatter = ISO8601DateFormatter()
            let lastAzureRun = formatter.string(from: Date())
            let fired = try await gateway.request("POST", "/emulator/schedules/\(azureID)/fire", body: #"{"time":"\#(lastAzureRun)"}"#, toEmulator: true)
            #expect(fired.status == 201, "\(fired.bodyText)")
            try await Task.sleep(for: .milliseconds(2_100))
            _ = try await EventGridEndToEndTests.putBlob(gateway, "handover/after.csv", "b")

            let result = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            let row = try #require(result.rows[azureID], "\(result.response.bodyText)")
            #expect(row["outcome"] as? String == "taken_over", "\(row)")
            let scheduleID = try #require(row["schedule_id"] as? String)

            var files: [String] = []
            for _ in 0..<50 where files.isEmpty {
                let runs = try await gateway.get("/v1/schedules/\(scheduleID)/runs").json?["items"] as? [[String: Any]] ?? []
                files = runs.compactMap { $0["trigger_file"] as? String }
                if files.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
            }
            // A few more polls: nothing else starts.
            try await Task.sleep(for: .milliseconds(2_500))
            let runs = try await gateway.get("/v1/schedules/\(scheduleID)/runs").json?["items"] as? [[String: Any]] ?? []
            #expect(runs.compactMap { $0["trigger_file"] as? String } == ["handover/after.csv"], "\(runs)")
        }
    }

    @Test func interruptedTakeOver_azureRefusingThePut_leavesItAzures_andARerunFinishes() async throws {
        try await GatewayHarness.with { gateway in
            let azureID = try await gateway.createV1Schedule(V1ScheduleBodies.minutes("every15", every: 15, from: "2026-11-25T09:00:00"))
            try await gateway.injectFault(#"{"operation":"put_schedule","status":409,"count":1}"#)

            let failed = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            let row = try #require(failed.rows[azureID], "\(failed.response.bodyText)")
            #expect(row["outcome"] as? String == "failed", "\(row)")
            #expect((row["reason"] as? String)?.contains("Azure still runs it") == true, "\(row)")
            let scheduleID = try #require(row["schedule_id"] as? String)
            #expect(try await gateway.v1ScheduleStatus(azureID) == "Active", "still Azure's")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Disabled", "never both")

            let finished = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            #expect(finished.rows[azureID]?["outcome"] as? String == "taken_over", "\(finished.response.bodyText)")
            #expect(try await gateway.v1ScheduleStatus(azureID) == "Disabled")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Active")
            #expect(try await gateway.gatewaySchedules().count == 1)
        }
    }

    /// Killed or failing after the Azure PUT (here: the last-run read fails): neither side runs it
    /// for the moment; the next run reads the last run and enables the copy, without a second PUT.
    @Test func interruptedTakeOver_afterAzureIsDisabled_isFinishedByARerun() async throws {
        try await GatewayHarness.with { gateway in
            let azureID = try await gateway.createV1Schedule(V1ScheduleBodies.minutes("every15", every: 15, from: "2026-11-25T09:00:00"))
            try await gateway.injectFault(#"{"operation":"list_pipeline_runs","status":403,"count":1}"#)

            let stranded = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            let row = try #require(stranded.rows[azureID], "\(stranded.response.bodyText)")
            #expect(row["outcome"] as? String == "failed", "\(row)")
            #expect((row["reason"] as? String)?.contains("neither side runs it") == true, "\(row)")
            let scheduleID = try #require(row["schedule_id"] as? String)
            #expect(try await gateway.v1ScheduleStatus(azureID) == "Disabled")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Disabled")

            _ = try await gateway.request("DELETE", "/emulator/calls", toEmulator: true)
            let finished = try await gateway.importSchedules(#"{"mode":"take_over"}"#)
            #expect(finished.rows[azureID]?["outcome"] as? String == "taken_over", "\(finished.response.bodyText)")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Active")
            #expect(try await gateway.emulatorCalls("put_schedule").isEmpty, "already disabled: no second PUT")
        }
    }

    @Test func giveBack_disablesTheGatewayCopyThenEnablesAzure() async throws {
        try await GatewayHarness.with { gateway in
            let azureID = try await gateway.createV1Schedule(V1ScheduleBodies.minutes("every15", every: 15, from: "2026-11-25T09:00:00"))
            let untouched = try await gateway.createV1Schedule(V1ScheduleBodies.weekly)
            let taken = try await gateway.importSchedules(#"{"mode":"take_over","azure_schedule_ids":["\#(azureID)"]}"#)
            #expect(taken.rows.count == 1, "only the schedule asked for")
            let scheduleID = try #require(taken.rows[azureID]?["schedule_id"] as? String)

            // Azure failing the re-enable: the gateway copy is already off; a re-run finishes.
            try await gateway.injectFault(#"{"operation":"put_schedule","status":409,"count":1}"#)
            let stuck = try await gateway.importSchedules(#"{"mode":"give_back","azure_schedule_ids":["\#(azureID)"]}"#)
            #expect(stuck.rows[azureID]?["outcome"] as? String == "failed", "\(stuck.response.bodyText)")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Disabled")
            #expect(try await gateway.v1ScheduleStatus(azureID) == "Disabled")

            let back = try await gateway.importSchedules(#"{"mode":"give_back"}"#)
            #expect(back.rows[azureID]?["outcome"] as? String == "given_back", "\(back.response.bodyText)")
            #expect(back.rows[untouched]?["outcome"] as? String == "unchanged", "never imported, never taken over")
            #expect(try await gateway.v1ScheduleStatus(azureID) == "Active")
            #expect(try await gateway.get("/v1/schedules/\(scheduleID)").json?["status"] as? String == "Disabled")
            let again = try await gateway.importSchedules(#"{"mode":"give_back","azure_schedule_ids":["\#(azureID)","nope"]}"#)
            #expect(again.rows[azureID]?["reason"] as? String == "Already given back.")
            #expect(again.rows["nope"]?["outcome"] as? String == "failed")
        }
    }

    @Test func badBodies_areProblemsWithPointers_andImportsNeedAnAdmin() async throws {
        let keys = ["GATEWAY_API_KEYS": "ops:admin:admin-secret-1,ci:operator:operator-secret-1"]
        try await GatewayHarness.with(environment: keys) { gateway in
            let admin = ["Authorization": "Bearer admin-secret-1"]
            let bad = try await gateway.post("/v1/imports", #"{"mode":"steal","azure_schedule_ids":["a",""],"extra":1}"#, headers: admin)
            #expect(bad.status == 400, "\(bad.bodyText)")
            let pointers = Set((bad.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/mode", "/azure_schedule_ids/1", "/extra"])
            let missing = try await gateway.post("/v1/imports", "{}", headers: admin)
            #expect(missing.status == 400)
            #expect((missing.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/mode")
            let notJSON = try await gateway.request("POST", "/v1/imports", body: "mode=import", headers: admin.merging(["Content-Type": "text/plain"]) { $1 })
            #expect(notJSON.status == 415)
            let byOperator = try await gateway.post("/v1/imports", #"{"mode":"import"}"#, headers: ["Authorization": "Bearer operator-secret-1"])
            #expect(byOperator.status == 403)
            let byAdmin = try await gateway.post("/v1/imports", #"{"mode":"import"}"#, headers: admin)
            #expect(byAdmin.status == 200, "\(byAdmin.bodyText)")
            #expect(byAdmin.json?["items"] as? [Any] != nil)
        }
    }

    @Test func importFailsAsAWhole_whenAzureCannotList() async throws {
        try await GatewayHarness.with { gateway in
            try await gateway.injectFault(#"{"operation":"list_schedules","status":403,"count":1}"#)
            let response = try await gateway.post("/v1/imports", #"{"mode":"import"}"#)
            #expect(response.status == 502, "\(response.bodyText)")
            #expect(try await gateway.gatewaySchedules().isEmpty)
        }
    }

    @Test func commandLine_printsTheTable_andExitsNonZeroWhenARowNeedsAttention() async throws {
        try await GatewayHarness.with { gateway in
            let weekly = try await gateway.createV1Schedule(V1ScheduleBodies.weekly)
            let server = ["--server", "http://127.0.0.1:\(gateway.port)"]
            let clean = await Self.importSchedules(server)
            #expect(clean.status == 0, "\(clean.err)")
            let lines = clean.out.joined(separator: "\n").split(separator: "\n")
            #expect(lines.first?.hasPrefix("AZURE ID") == true)
            #expect(lines.count == 2)
            #expect(lines.last?.contains(weekly) == true && lines.last?.contains("imported") == true, "\(clean.out)")

            _ = try await gateway.createV1Schedule(V1ScheduleBodies.withDataset)
            let mixed = await Self.importSchedules([], environment: ["GATEWAY_PUBLIC_URL": "http://127.0.0.1:\(gateway.port)"])
            #expect(mixed.status == 1)
            let table = mixed.out.joined(separator: "\n")
            #expect(table.contains("not_convertible") && table.contains("unchanged"), "\(table)")

            #expect(await Self.importSchedules(["--take-over", "--give-back"]).status == 2)
            #expect(await Self.importSchedules(["--server=ftp://x"]).status == 2)
            #expect(await Self.importSchedules(["--server", "http://127.0.0.1:1"]).status == 3)
            let keyed = await Self.importSchedules(server + ["--take-over", "--api-key", "secret-never-shown"])
            #expect(keyed.status == 1, "the dataset schedule still needs attention: \(keyed.err)")
            #expect(!(keyed.out + keyed.err).joined().contains("secret-never-shown"))
            #expect(keyed.out.joined().contains("taken_over"))
        }
    }

    static func importSchedules(_ arguments: [String], environment: [String: String] = [:]) async -> (status: Int32, out: [String], err: [String]) {
        var out: [String] = []
        var err: [String] = []
        let status = await ImportSchedulesCommand.run(arguments: arguments, environment: environment, out: { out.append($0) }, err: { err.append($0) })
        return (status, out, err)
    }
}
