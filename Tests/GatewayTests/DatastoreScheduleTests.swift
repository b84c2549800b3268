import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Change-based schedules end to end: the gateway's built-in emulator serves `workspaceblobstore` from
/// `DATA/blobs/workspaceblobstore/`, so a file written there is a new blob. The scheduler's clock runs
/// 60× fast (test-only), so a one-minute polling interval is a second.
@Suite(.serialized) struct DatastoreScheduleTests {
    static let environment = ["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60"]
    static let pipeline = TriggerFixture.demoPipelineID

    static func body(_ extra: String = "") -> String {
        #"{"name":"watch","pipeline_id":"\#(pipeline)","experiment_name":"watched","pipeline_parameters":{"input_string":"w"},"datastore":"workspaceblobstore","path_on_datastore":"input","polling_interval":1,"data_path_parameter_name":"input_datapath"\#(extra)}"#
    }

    static func folder(_ gateway: GatewayHarness) -> String { gateway.dataDirectory + "/blobs/workspaceblobstore/input" }

    static func write(_ gateway: GatewayHarness, _ name: String, _ content: String) throws {
        let path = folder(gateway) + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func runs(_ gateway: GatewayHarness, _ scheduleID: String) async throws -> [[String: Any]] {
        try await gateway.get("/v1/schedules/\(scheduleID)/runs?limit=500").json?["items"] as? [[String: Any]] ?? []
    }

    /// Waits until the schedule has `count` runs (and no more arrive for a couple of polls).
    static func settle(_ gateway: GatewayHarness, _ scheduleID: String, count: Int) async throws -> [[String: Any]] {
        var runs: [[String: Any]] = []
        // Generous: on a loaded 2-core machine a poll, its retries and the sends take seconds.
        for _ in 0..<300 {
            runs = try await Self.runs(gateway, scheduleID)
            let submitting = runs.filter { run in (run["status"] as? String ?? "") == "Submitting" }.count
            if runs.count >= count, submitting == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(2200))
        return try await Self.runs(gateway, scheduleID)
    }

    @Test func aNewFileStartsOneRunWithItsPath_subfoldersAndTheBaselineDoNot_aRewriteStartsAnother() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            try Self.write(gateway, "before.csv", "was here before the schedule")
            let created = try await gateway.post("/v1/schedules", Self.body())
            #expect(created.status == 201, "\(created.bodyText)")
            #expect(created.json?["datastore"] as? String == "workspaceblobstore")
            #expect(created.json?["polling_interval"] as? Int == 1)
            let id = try #require(created.json?["id"] as? String)
            #expect(try await gateway.get("/v1/schedules/\(id)/next").status == 409)

            try Self.write(gateway, "new.csv", "a,b\n1,2\n")
            try Self.write(gateway, "sub/deep.csv", "not a direct child")
            var runs = try await Self.settle(gateway, id, count: 1)
            #expect(runs.count == 1, "\(runs)")
            let run = try #require(runs.first)
            #expect(run["source"] as? String == "datastore")
            #expect(run["trigger_file"] as? String == "input/new.csv")
            #expect(run["azure_run_id"] is String, "\(run)")
            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 1)
            let assignments = (submits.first?["body"] as? [String: Any])?["DataPathAssignments"] as? [String: Any]
            let input = assignments?["input_datapath"] as? [String: Any]
            #expect(input?["DataStoreName"] as? String == "workspaceblobstore")
            #expect(input?["RelativePath"] as? String == "input/new.csv")

            // Rewritten: a new ETag, a second run for the same file.
            try await Task.sleep(for: .milliseconds(20))
            try Self.write(gateway, "new.csv", "a,b\n1,2\n3,4\n")
            runs = try await Self.settle(gateway, id, count: 2)
            #expect(runs.count == 2, "\(runs)")
            #expect(runs.allSatisfy { $0["trigger_file"] as? String == "input/new.csv" })
            #expect(try await gateway.emulatorCalls("submit").count == 2)
            let schedule = try await gateway.get("/v1/schedules/\(id)").json
            #expect(schedule?["last_fire_at"] is String)
        }
    }

    static func counter(_ gateway: GatewayHarness, _ line: String) async throws -> Int {
        let metrics = try await gateway.get("/metrics").bodyText
        return metrics.split(separator: "\n").first { $0.hasPrefix(line + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
    }

    @Test func anUnchangedFolder_isComparedInFullOnce_thenByItsDigest_untilAFileChanges() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            try Self.write(gateway, "a.csv", "here before")
            try Self.write(gateway, "b.csv", "here before too")
            let created = try await gateway.post("/v1/schedules", Self.body())
            let id = try #require(created.json?["id"] as? String)
            // A few polls of the unchanged folder: the first compares blob by blob, the rest match its digest.
            for _ in 0..<300 where try await Self.counter(gateway, #"gateway_datastore_polls_total{outcome="unchanged"}"#) < 4 {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await Self.counter(gateway, #"gateway_datastore_polls_total{outcome="unchanged"}"#) >= 4)
            #expect(try await Self.counter(gateway, "gateway_datastore_full_comparisons_total") == 1)
            // A new file changes the digest: one full comparison, one run, then quiet again.
            try Self.write(gateway, "c.csv", "new")
            let runs = try await Self.settle(gateway, id, count: 1)
            #expect(runs.map { $0["trigger_file"] as? String } == ["input/c.csv"])
            let afterNewFile = try await Self.counter(gateway, "gateway_datastore_full_comparisons_total")
            #expect(afterNewFile >= 2)
            let unchanged = try await Self.counter(gateway, #"gateway_datastore_polls_total{outcome="unchanged"}"#)
            for _ in 0..<300 where try await Self.counter(gateway, #"gateway_datastore_polls_total{outcome="unchanged"}"#) < unchanged + 3 {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await Self.counter(gateway, "gateway_datastore_full_comparisons_total") <= afterNewFile + 1)
            // A rewrite (new ETag, same name) is a change the digest sees.
            try Self.write(gateway, "a.csv", "rewritten")
            let again = try await Self.settle(gateway, id, count: 2)
            #expect(again.count == 2 && again.contains { $0["trigger_file"] as? String == "input/a.csv" }, "\(again)")
        }
    }

    @Test func aFailingListingMarksNothingSeen_theNextPollStillStartsTheRun() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", Self.body()).json?["id"] as? String)
            try await gateway.injectFault(#"{"operation":"list_blobs","status":403,"count":3}"#)
            try Self.write(gateway, "late.csv", "x")
            let runs = try await Self.settle(gateway, id, count: 1)
            #expect(runs.count == 1, "\(runs)")
            #expect(runs.first?["trigger_file"] as? String == "input/late.csv")
            let metrics = try await gateway.get("/metrics").bodyText
            #expect(metrics.contains(#"gateway_datastore_polls_total{outcome="failed"}"#))
        }
    }

    // Four resets use up one listing's four attempts, so a whole poll fails; a fifth consecutive
    // failure would open the client's circuit breaker for its 30 s cooldown, which is another test.
    @Test(arguments: [
        #"{"operation":"list_blobs","status":404,"count":3}"#, #"{"operation":"list_blobs","status":429,"retry_after":1,"count":3}"#,
        #"{"operation":"list_blobs","reset":true,"count":4}"#, #"{"operation":"list_blobs","status":500,"count":3}"#,
    ])
    func everyKindOfListingFailure_isRetriedNextPoll_andNeverMarksTheFileSeen(_ fault: String) async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", Self.body()).json?["id"] as? String)
            try await gateway.injectFault(fault)
            try Self.write(gateway, "during-failure.csv", "x")
            let runs = try await Self.settle(gateway, id, count: 1)
            let polls = try await gateway.get("/metrics").bodyText.split(separator: "\n").filter { $0.hasPrefix("gateway_datastore_polls_total") || $0.hasPrefix("azureml_") }
            #expect(runs.map { $0["trigger_file"] as? String } == ["input/during-failure.csv"], "\(fault): \(runs) \(polls)")
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func disabledWhileFilesArrive_noRuns_andEnablingDoesNotReplayThem() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", Self.body(#","file_pattern":"*.csv""#)).json?["id"] as? String)
            #expect(try await gateway.post("/v1/schedules/\(id)/disable").status == 200)
            try Self.write(gateway, "while-disabled.csv", "x")
            try await Task.sleep(for: .milliseconds(2200))
            #expect(try await gateway.post("/v1/schedules/\(id)/enable").status == 200)
            try Self.write(gateway, "after.json", "not matching the pattern")
            try Self.write(gateway, "after.csv", "y")
            let runs = try await Self.settle(gateway, id, count: 1)
            #expect(runs.map { $0["trigger_file"] as? String } == ["input/after.csv"], "\(runs)")
        }
    }

    @Test func twoSchedulesOnOneFolder_eachStartsItsRun_fromOneSharedListing() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let first = try #require(try await gateway.post("/v1/schedules", Self.body()).json?["id"] as? String)
            let second = try #require(try await gateway.post("/v1/schedules", Self.body()).json?["id"] as? String)
            let listsBefore = try await gateway.emulatorCalls("list_blobs").count
            let started = Date()
            try Self.write(gateway, "shared.csv", "x")
            let firstRuns = try await Self.settle(gateway, first, count: 1)
            let secondRuns = try await Self.runs(gateway, second)
            #expect(firstRuns.count == 1 && secondRuns.count == 1, "\(firstRuns) \(secondRuns)")
            // Each poll instant (one per real second here) lists the folder once for both schedules.
            let lists = try await gateway.emulatorCalls("list_blobs").count - listsBefore
            let instants = Int(Date().timeIntervalSince(started).rounded(.up)) + 1
            #expect(lists > 0 && lists <= instants, "\(lists) listings in \(instants) poll instants")
            #expect(try await gateway.emulatorCalls("submit").count == 2)
        }
    }

    @Test func unsetParameterName_runsWithoutTheDataPathAssignment() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let body = Self.body().replacingOccurrences(of: #","data_path_parameter_name":"input_datapath""#, with: "")
            let id = try #require(try await gateway.post("/v1/schedules", body).json?["id"] as? String)
            try Self.write(gateway, "plain.csv", "x")
            let runs = try await Self.settle(gateway, id, count: 1)
            #expect(runs.count == 1)
            #expect(runs.first?["trigger_file"] as? String == "input/plain.csv")
            let assignments = (try await gateway.emulatorCalls("submit").first?["body"] as? [String: Any])?["DataPathAssignments"] as? [String: Any]
            #expect(assignments?["input_datapath"] == nil)
        }
    }

    @Test func badChangeSchedules_nameTheField_andStoreNothing() async throws {
        try await GatewayHarness.with(environment: Self.environment) { gateway in
            let unknownStore = try await gateway.post("/v1/schedules", Self.body().replacingOccurrences(of: "workspaceblobstore", with: "nosuchstore"))
            #expect(unknownStore.status == 422, "\(unknownStore.bodyText)")
            #expect((unknownStore.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/datastore")
            let badParameter = try await gateway.post("/v1/schedules", Self.body().replacingOccurrences(of: #""input_datapath""#, with: #""nope""#))
            #expect(badParameter.status == 422)
            #expect((badParameter.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/data_path_parameter_name")
            for (extra, pointer) in [
                (#","polling_interval":0"#, "/polling_interval"), (#","file_pattern":"[abc""#, "/file_pattern"),
                (#","cron":{"expression":"* * * * *"}"#, "/datastore"),
            ] {
                let body = Self.body().replacingOccurrences(of: #","polling_interval":1"#, with: "") + ""
                let response = try await gateway.post("/v1/schedules", String(body.dropLast()) + extra + "}")
                #expect(response.status == 400, "\(extra): \(response.bodyText)")
                #expect((response.json?["errors"] as? [[String: Any]] ?? []).contains { $0["pointer"] as? String == pointer }, "\(extra): \(response.bodyText)")
            }
            let escaping = try await gateway.post("/v1/schedules", Self.body().replacingOccurrences(of: #""input""#, with: #""../etc""#))
            #expect(escaping.status == 400)
            try await gateway.injectFault(#"{"operation":"list_blobs","status":503,"count":10}"#)
            let unlistable = try await gateway.post("/v1/schedules", Self.body())
            #expect([502, 503].contains(unlistable.status), "\(unlistable.bodyText)")
            #expect(((try await gateway.get("/v1/schedules?active_only=false")).json?["items"] as? [Any])?.isEmpty == true)
        }
    }
}

/// Volume: thousands of files landing at once.
@Suite(.serialized) struct DatastoreVolumeTests {
    @Test func fiveThousandFilesAtOnce_startFiveThousandRuns_noneDoubled() async throws {
        try await GatewayHarness.with(environment: DatastoreScheduleTests.environment) { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", DatastoreScheduleTests.body()).json?["id"] as? String)
            let folder = DatastoreScheduleTests.folder(gateway)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for index in 0..<5_000 {
                try Data("row \(index)\n".utf8).write(to: URL(fileURLWithPath: folder + "/part-\(index).csv"))
            }
            var submits: [[String: Any]] = []
            for _ in 0..<1_500 {
                submits = try await gateway.emulatorCalls("submit")
                if submits.count >= 5_000 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .milliseconds(2200))
            submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 5_000)
            let paths = submits.compactMap {
                ((($0["body"] as? [String: Any])?["DataPathAssignments"] as? [String: Any])?["input_datapath"] as? [String: Any])?["RelativePath"] as? String
            }
            #expect(Set(paths).count == 5_000, "each file once")
            let store = gateway.app.store
            let recorded = try await store.runs(.init(scheduleID: id), limit: 10_000, cursor: nil).items
            #expect(recorded.count == 5_000)
            #expect(recorded.allSatisfy { $0.azureRunID != nil }, "every run accepted")
        }
    }

    @Test func underACap_aPollsRunsWaitAndGoInNameOrder() async throws {
        try await GatewayHarness.with(environment: DatastoreScheduleTests.environment) { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", DatastoreScheduleTests.body(#","max_concurrent_runs":3"#)).json?["id"] as? String)
            for index in 0..<10 { try DatastoreScheduleTests.write(gateway, "f\(index).csv", "x") }
            var runs: [[String: Any]] = []
            for _ in 0..<300 {
                runs = try await DatastoreScheduleTests.runs(gateway, id)
                if runs.count == 10, runs.filter({ $0["status"] as? String == "Waiting" }).count == 7 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .milliseconds(2200))
            runs = try await DatastoreScheduleTests.runs(gateway, id)
            #expect(runs.filter { $0["status"] as? String == "Waiting" }.count == 7, "\(runs.map { $0["status"] ?? "" })")
            #expect(try await gateway.emulatorCalls("submit").count == 3)
            var sent: [String] = []
            for run in runs {
                let status = run["status"] as? String ?? ""
                if status != "Waiting", let file = run["trigger_file"] as? String { sent.append(file) }
            }
            sent.sort()
            #expect(sent == ["input/f0.csv", "input/f1.csv", "input/f2.csv"], "the oldest (by name) go first: \(runs.map { "\($0["trigger_file"] ?? "")=\($0["status"] ?? "")" })")
        }
    }
}
