import Foundation
import Testing
@testable import Gateway
@testable import SchedulesAsCode
import TestSupport

/// `pipeline-gateway apply` and `export` against a real gateway (embedded emulator) on 127.0.0.1:0,
/// through the command code itself.
@Suite(.serialized) struct ApplyEndToEndTests {
    static let pipeline = TriggerFixture.demoPipelineID

    struct Outcome {
        var status: Int32
        var out: [String]
        var err: [String]
    }

    /// Writes `text` to a temporary file named `name`, runs `apply -f` on it with `extra` arguments.
    static func apply(_ text: String, _ gateway: GatewayHarness, _ extra: [String] = [], name: String = "schedules.yaml") async throws -> Outcome {
        let directory = NSTemporaryDirectory() + "apply-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var out: [String] = []
        var err: [String] = []
        let status = await ApplyCommand.run(
            arguments: ["-f", path, "--server", "http://127.0.0.1:\(gateway.port)"] + extra, environment: [:],
            out: { out.append($0) }, err: { err.append($0.replacingOccurrences(of: path, with: name)) })
        return Outcome(status: status, out: out, err: err)
    }

    static func export(_ gateway: GatewayHarness, format: String = "yaml") async -> Outcome {
        var out: [String] = []
        var err: [String] = []
        let status = await ExportCommand.run(
            arguments: ["--server", "http://127.0.0.1:\(gateway.port)", "--format", format], environment: [:],
            out: { out.append($0) }, err: { err.append($0) })
        return Outcome(status: status, out: out, err: err)
    }

    static func schedules(_ gateway: GatewayHarness) async throws -> [[String: Any]] {
        try await gateway.get("/v1/schedules?active_only=false").json?["items"] as? [[String: Any]] ?? []
    }

    static let twoSchedules = """
        schedules:
          - name: every-15
            pipeline_id: \(pipeline)
            experiment_name: MyRestPipeline
            description: quarter-hourly
            pipeline_parameters: {input_string: x}
            recurrence: {frequency: Minute, interval: 15, start_time: "2030-01-01T00:00:00", time_zone: UTC}
          - name: nightly-cron
            pipeline_id: \(pipeline)
            experiment_name: MyRestPipeline
            pipeline_parameters: {input_string: y}
            cron: {expression: "0 2 * * *", time_zone: Europe/Berlin}
        """

    @Test func dryRunChangesNothing_applyCreates_andASecondApplyHasNothingToDo() async throws {
        try await GatewayHarness.with { gateway in
            let planned = try await Self.apply(Self.twoSchedules, gateway, ["--dry-run"])
            #expect(planned.status == 0, "\(planned.err)")
            #expect(planned.out == ["+ create every-15", "+ create nightly-cron"])
            #expect(try await Self.schedules(gateway).isEmpty)

            let applied = try await Self.apply(Self.twoSchedules, gateway)
            #expect(applied.status == 0, "\(applied.err)")
            #expect(applied.out.last == "apply: 2 created, 0 updated, 0 deleted, 0 unchanged")
            let stored = try await Self.schedules(gateway)
            #expect(stored.map { $0["name"] as? String } == ["every-15", "nightly-cron"])
            #expect(stored.allSatisfy { $0["managed_by"] as? String == "apply" })
            #expect((stored.first?["recurrence"] as? [String: Any])?["interval"] as? Int == 15)

            let again = try await Self.apply(Self.twoSchedules, gateway)
            #expect(again.status == 0, "\(again.err)")
            #expect(again.out == ["apply: 0 created, 0 updated, 0 deleted, 2 unchanged"])
            #expect(try await Self.apply(Self.twoSchedules, gateway, ["--dry-run"]).out == ["no changes", "(2 schedules unchanged)"])
            let versions = try await gateway.get("/v1/schedules/\(try #require(stored.first?["id"] as? String))").header("ETag")
            #expect(versions == "\"1\"")
        }
    }

    @Test func anUpdatePatchesOnlyTheChangedFields_underIfMatch() async throws {
        try await GatewayHarness.with { gateway in
            #expect(try await Self.apply(Self.twoSchedules, gateway).status == 0)
            let changed = Self.twoSchedules.replacingOccurrences(of: "interval: 15", with: "interval: 30")
                .replacingOccurrences(of: "    description: quarter-hourly\n", with: "")
            let planned = try await Self.apply(changed, gateway, ["--dry-run"])
            #expect(planned.out == [
                "~ update every-15", #"    - description: "quarter-hourly""#,
                #"    - recurrence: {"frequency":"Minute","interval":15,"start_time":"2030-01-01T00:00:00","time_zone":"UTC"}"#,
                #"    + recurrence: {"frequency":"Minute","interval":30,"start_time":"2030-01-01T00:00:00","time_zone":"UTC"}"#,
                "(1 schedule unchanged)",
            ])
            let applied = try await Self.apply(changed, gateway)
            #expect(applied.out == ["updated every-15: description, recurrence", "apply: 0 created, 1 updated, 0 deleted, 1 unchanged"], "\(applied.err)")
            let id = try #require(try await Self.schedules(gateway).first?["id"] as? String)
            let stored = try await gateway.get("/v1/schedules/\(id)")
            #expect(stored.header("ETag") == "\"2\"")
            #expect(stored.json?["description"] is NSNull)
            #expect((stored.json?["recurrence"] as? [String: Any])?["interval"] as? Int == 30)

            // A change made between the check and the update is not overwritten: the PATCH carries If-Match.
            let items = try ScheduleFileReader.read(Array(Self.twoSchedules.utf8), file: "s.yaml").get()
            let applier = ScheduleApplier(client: GatewayClient(server: try #require(URL(string: "http://127.0.0.1:\(gateway.port)")), apiKey: nil))
            guard case .ready(let prepared) = await applier.prepare(items, prune: false) else {
                Issue.record("the plan was not ready")
                return
            }
            let meanwhile = try await gateway.request("PATCH", "/v1/schedules/\(id)", body: #"{"description":"by hand"}"#)
            #expect(meanwhile.status == 200)
            await #expect(throws: GatewayClient.Failure.self) { try await applier.carryOut(prepared, out: { _ in }) }
            #expect(try await gateway.get("/v1/schedules/\(id)").json?["description"] as? String == "by hand")
        }
    }

    @Test func pruneDeletesOnlySchedulesAnEarlierApplyMade() async throws {
        try await GatewayHarness.with { gateway in
            let byHand = #"{"name":"by-hand","pipeline_id":"\#(Self.pipeline)","experiment_name":"MyRestPipeline","pipeline_parameters":{"input_string":"h"},"cron":{"expression":"0 3 * * *"}}"#
            #expect(try await gateway.post("/v1/schedules", byHand).status == 201)
            #expect(try await Self.apply(Self.twoSchedules, gateway).status == 0)
            let onlyFirst = String(Self.twoSchedules[..<(try #require(Self.twoSchedules.range(of: "  - name: nightly-cron"))).lowerBound])
            let withoutPrune = try await Self.apply(onlyFirst, gateway, ["--dry-run"])
            #expect(withoutPrune.out == ["no changes", "(1 schedule unchanged)"])
            let planned = try await Self.apply(onlyFirst, gateway, ["--dry-run", "--prune"])
            #expect(planned.out == ["- delete nightly-cron", "(1 schedule unchanged)"])
            let pruned = try await Self.apply(onlyFirst, gateway, ["--prune"])
            #expect(pruned.out == ["deleted nightly-cron", "apply: 0 created, 0 updated, 1 deleted, 1 unchanged"], "\(pruned.err)")
            #expect(Set(try await Self.schedules(gateway).compactMap { $0["name"] as? String }) == ["every-15", "by-hand"])
        }
    }

    @Test func exportThenApplyIsANoOp_inYAMLAndJSON() async throws {
        try await GatewayHarness.with { gateway in
            let weekly = #"{"name":"weekly \"quoted\"","description":"multi\nline","pipeline_id":"\#(Self.pipeline)","experiment_name":"MyRestPipeline","pipeline_parameters":{"input_string":"007"},"data_path_assignments":{"input_datapath":{"DataStoreName":"workspaceblobstore","RelativePath":"in/a.csv"}},"continue_on_step_failure":true,"recurrence":{"frequency":"Week","interval":2,"week_days":["Monday","Friday"],"hours":[6,18],"minutes":[0,30],"time_zone":"W. Europe Standard Time"},"catchup":"all","overlap_policy":"skip","max_concurrent_runs":2}"#
            #expect(try await gateway.post("/v1/schedules", weekly).status == 201)
            let disabled = try #require(try await gateway.post("/v1/schedules", #"{"name":"off","pipeline_id":"\#(Self.pipeline)","experiment_name":"MyRestPipeline","pipeline_parameters":{"input_string":"1.50"},"cron":{"expression":"*/5 * * * *"}}"#).json?["id"] as? String)
            #expect(try await gateway.post("/v1/schedules/\(disabled)/disable").status == 200)
            #expect(try await Self.apply(Self.twoSchedules, gateway).status == 0)

            let yaml = await Self.export(gateway)
            #expect(yaml.status == 0, "\(yaml.err)")
            let text = yaml.out.joined()
            #expect(text.hasPrefix("schedules:\n  - name: \"weekly \\\"quoted\\\"\"\n"))
            #expect(!text.contains("\"id\"") && !text.contains("created_at") && !text.contains("next_fire_at"))
            let roundTrip = try await Self.apply(text, gateway, ["--dry-run"])
            #expect(roundTrip.status == 0, "\(roundTrip.err)")
            #expect(roundTrip.out == ["no changes", "(4 schedules unchanged)"])

            let json = await Self.export(gateway, format: "json")
            let jsonTrip = try await Self.apply(json.out.joined(), gateway, ["--dry-run"], name: "schedules.json")
            #expect(jsonTrip.out == ["no changes", "(4 schedules unchanged)"], "\(jsonTrip.err)")

            // Into an empty gateway, the export recreates the same schedules (status aside).
            try await GatewayHarness.with { fresh in
                let restored = try await Self.apply(text, fresh)
                #expect(restored.out.last == "apply: 4 created, 0 updated, 0 deleted, 0 unchanged", "\(restored.err)")
                #expect(try await Self.apply(text, fresh, ["--dry-run"]).out == ["no changes", "(4 schedules unchanged)"])
            }
        }
    }

    @Test func anInvalidFileChangesNothing_andNamesEveryProblemWithItsLine() async throws {
        try await GatewayHarness.with { gateway in
            let text = """
                schedules:
                  - name: good
                    pipeline_id: \(Self.pipeline)
                    experiment_name: MyRestPipeline
                    pipeline_parameters: {input_string: x}
                    cron: {expression: "0 * * * *"}
                  - name: zero-interval
                    pipeline_id: \(Self.pipeline)
                    experiment_name: MyRestPipeline
                    pipeline_parameters: {input_string: x}
                    recurrence: {frequency: Minute, interval: 0}
                  - name: unknown-parameter
                    pipeline_id: \(Self.pipeline)
                    experiment_name: MyRestPipeline
                    pipeline_parameters:
                      input_string: x
                      no_such_parameter: 1
                    cron: {expression: "0 * * * *"}
                """
            let refused = try await Self.apply(text, gateway)
            #expect(refused.status == 1)
            #expect(refused.err.contains { $0.hasPrefix("schedules.yaml:11:47: 'zero-interval' /recurrence/interval:") }, "\(refused.err)")
            #expect(refused.err.contains { $0.hasPrefix("schedules.yaml:17:26: 'unknown-parameter' /pipeline_parameters/no_such_parameter:") }, "\(refused.err)")
            #expect(refused.err.last == "apply: 2 problems; nothing was changed")
            #expect(try await Self.schedules(gateway).isEmpty)

            let malformed = try await Self.apply("schedules:\n  - name: a\n    cron: {expression: \"0 * * * *\"\n", gateway)
            #expect(malformed.status == 1)
            #expect(malformed.err.first?.hasPrefix("schedules.yaml:4:1: invalid YAML:") == true, "\(malformed.err)")
            #expect(try await Self.schedules(gateway).isEmpty)
        }
    }

    @Test func withAPIKeys_applyWaitsOutTheRateLimit_andNeverPrintsTheKey() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_API_KEYS": "ops:admin:k-secret-1", "GATEWAY_RATE_LIMIT": "2,2"]) { gateway in
            let refused = try await Self.apply(Self.twoSchedules, gateway)
            #expect(refused.status == ClientExit.server)
            #expect(refused.err.first?.contains("401") == true, "\(refused.err)")
            // 1 list + 2 dry runs + 2 creates: more than the burst of 2, so some answers are 429 first.
            let applied = try await Self.apply(Self.twoSchedules, gateway, ["--api-key", "k-secret-1"])
            #expect(applied.status == 0, "\(applied.err)")
            #expect(applied.out.last == "apply: 2 created, 0 updated, 0 deleted, 0 unchanged")
            #expect(!(applied.out + applied.err + refused.err).joined().contains("k-secret-1"))
        }
    }

    @Test func theSDKsLoadYAMLFileWorks() async throws {
        try await GatewayHarness.with { gateway in
            let text = SDKScheduleSample.text(pipelineID: Self.pipeline, parameters: "{'input_string': 'x'}")
            let applied = try await Self.apply(text, gateway)
            #expect(applied.status == 0, "\(applied.err)")
            let stored = try #require(try await Self.schedules(gateway).first)
            #expect(stored["name"] as? String == "weekly")
            #expect(stored["experiment_name"] as? String == "helloworld")
            let recurrence = try #require(stored["recurrence"] as? [String: Any])
            #expect(recurrence["week_days"] as? [String] == ["Friday"])
            #expect(recurrence["start_time"] as? String == "2019-06-07T10:50:00")
            #expect(try await Self.apply(text, gateway, ["--dry-run"]).out == ["no changes", "(1 schedule unchanged)"])
        }
    }
}
