import Foundation
import Testing
@testable import Gateway
import TestSupport

/// `/v1/schedules` end to end: the SDK's `Schedule.create` arguments as JSON, key for key.
@Suite(.serialized) struct ScheduleRoutesTests {
    static let pipeline = TriggerFixture.demoPipelineID
    static let everyFifteen = #"{"name":"every-15","pipeline_id":"\#(pipeline)","experiment_name":"MyRestPipeline","pipeline_parameters":{"input_string":"x"},"recurrence":{"frequency":"Minute","interval":15,"start_time":"2030-01-01T00:00:00","time_zone":"UTC"}}"#

    @Test func create_get_next_disable_enable_delete() async throws {
        try await GatewayHarness.with { gateway in
            let created = try await gateway.post("/v1/schedules", Self.everyFifteen)
            #expect(created.status == 201, "\(created.bodyText)")
            let id = try #require(created.json?["id"] as? String)
            #expect(created.header("Location") == "/v1/schedules/\(id)")
            #expect(created.header("ETag") == "\"1\"")
            #expect(created.json?["next_fire_at"] as? String == "2030-01-01T00:00:00.000Z")
            #expect(created.json?["status"] as? String == "Active")
            #expect((created.json?["recurrence"] as? [String: Any])?["interval"] as? Int == 15)

            let next = try await gateway.get("/v1/schedules/\(id)/next?count=3")
            #expect(next.json?["times"] as? [String] == ["2030-01-01T00:00:00.000Z", "2030-01-01T00:15:00.000Z", "2030-01-01T00:30:00.000Z"])
            #expect(next.json?["time_zone"] as? String == "UTC")
            #expect(try await gateway.get("/v1/schedules/\(id)/next?count=0").status == 400)

            let disabled = try await gateway.post("/v1/schedules/\(id)/disable")
            #expect(disabled.json?["status"] as? String == "Disabled")
            #expect(disabled.header("ETag") == "\"2\"")
            #expect(disabled.json?["next_fire_at"] is NSNull)
            #expect((try await gateway.get("/v1/schedules")).json?["items"] as? [Any] != nil)
            #expect(((try await gateway.get("/v1/schedules")).json?["items"] as? [Any])?.isEmpty == true)
            #expect(((try await gateway.get("/v1/schedules?active_only=false")).json?["items"] as? [Any])?.count == 1)
            let enabled = try await gateway.post("/v1/schedules/\(id)/enable")
            #expect(enabled.json?["status"] as? String == "Active")

            let metrics = try await gateway.get("/metrics").bodyText
            #expect(metrics.contains("gateway_active_schedules 1"))

            let deleted = try await gateway.request("DELETE", "/v1/schedules/\(id)")
            #expect(deleted.status == 204)
            #expect(try await gateway.get("/v1/schedules/\(id)").status == 404)
        }
    }

    @Test func patch_isAMergePatch_guardedByIfMatch_andValidatedWhole() async throws {
        try await GatewayHarness.with { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", Self.everyFifteen).json?["id"] as? String)
            let patched = try await gateway.request(
                "PATCH", "/v1/schedules/\(id)", body: #"{"recurrence":{"interval":30},"description":"half-hourly"}"#,
                headers: ["If-Match": "\"1\"", "Content-Type": "application/merge-patch+json"])
            #expect(patched.status == 200, "\(patched.bodyText)")
            #expect(patched.header("ETag") == "\"2\"")
            #expect((patched.json?["recurrence"] as? [String: Any])?["interval"] as? Int == 30)
            #expect((patched.json?["recurrence"] as? [String: Any])?["time_zone"] as? String == "UTC")
            #expect(patched.json?["description"] as? String == "half-hourly")
            let next = try await gateway.get("/v1/schedules/\(id)/next?count=2")
            #expect(next.json?["times"] as? [String] == ["2030-01-01T00:00:00.000Z", "2030-01-01T00:30:00.000Z"])

            let stale = try await gateway.request("PATCH", "/v1/schedules/\(id)", body: #"{"name":"late"}"#, headers: ["If-Match": "\"1\""])
            #expect(stale.status == 412)
            #expect(stale.header("ETag") == "\"2\"")

            let invalid = try await gateway.request("PATCH", "/v1/schedules/\(id)", body: #"{"recurrence":{"interval":0},"status":"Disabled"}"#)
            #expect(invalid.status == 400)
            let pointers = (invalid.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            #expect(pointers.contains("/recurrence/interval"))
            #expect(pointers.contains("/status"))
            let unchanged = try await gateway.get("/v1/schedules/\(id)")
            #expect(unchanged.header("ETag") == "\"2\"")
            #expect(unchanged.json?["name"] as? String == "every-15")

            let cleared = try await gateway.request("PATCH", "/v1/schedules/\(id)", body: #"{"description":null}"#)
            #expect(cleared.json?["description"] is NSNull)
        }
    }

    @Test func triggerNow_startsARunTheScheduleLists() async throws {
        try await GatewayHarness.with { gateway in
            let id = try #require(try await gateway.post("/v1/schedules", Self.everyFifteen).json?["id"] as? String)
            let fired = try await gateway.post("/v1/schedules/\(id)/trigger")
            #expect(fired.status == 202, "\(fired.bodyText)")
            #expect(fired.json?["source"] as? String == "schedule")
            #expect(fired.json?["schedule_id"] as? String == id)
            #expect(fired.json?["scheduled_time"] is String)
            let runs = try await gateway.get("/v1/schedules/\(id)/runs")
            #expect((runs.json?["items"] as? [[String: Any]])?.first?["id"] as? String == fired.json?["id"] as? String)
            let sent = try #require(try await gateway.emulatorCalls("submit").first?["body"] as? [String: Any])
            #expect((sent["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "x")
        }
    }

    @Test func aScheduleWithoutStartTime_firesAtCreation() async throws {
        try await GatewayHarness.with { gateway in
            let body = #"{"name":"now","pipeline_id":"\#(Self.pipeline)","experiment_name":"e1","recurrence":{"frequency":"Hour","interval":1}}"#
            let id = try #require(try await gateway.post("/v1/schedules", body).json?["id"] as? String)
            var submitted = false
            for _ in 0..<50 where !submitted {
                submitted = try await gateway.emulatorCalls("submit").count == 1
                if !submitted { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(submitted)
            var runs: [[String: Any]] = []
            for _ in 0..<50 {
                runs = try await gateway.get("/v1/schedules/\(id)/runs").json?["items"] as? [[String: Any]] ?? []
                if runs.first?["azure_run_id"] is String { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(runs.count == 1)
            // The outcome is counted once Azure's answer is in; give the firer the moment it needs.
            var metrics = ""
            for _ in 0..<50 {
                metrics = try await gateway.get("/metrics").bodyText
                if metrics.contains(#"gateway_schedule_fires_total{outcome="submitted"} 1"#) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(metrics.contains("gateway_schedule_fire_lateness_seconds_count 1"))
            #expect(metrics.contains(#"gateway_schedule_fires_total{outcome="submitted"} 1"#))
        }
    }

    @Test func badSchedules_getEveryProblemWithItsPointer_andNothingIsStored() async throws {
        try await GatewayHarness.with { gateway in
            let body = #"{"pipeline_id":"\#(Self.pipeline)","experiment_name":"-bad","recurrence":{"frequency":"Fortnight","interval":0,"time_zone":"Mars/Olympus"},"cron":{"expression":"* * *"},"catchup":"sometimes","datastore":"workspaceblobstore"}"#
            let response = try await gateway.post("/v1/schedules", body)
            #expect(response.status == 400)
            let pointers = (response.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            for expected in ["/name", "/experiment_name", "/cron", "/catchup", "/datastore"] {
                #expect(pointers.contains(expected), "\(expected) missing in \(pointers)")
            }
            let recurrenceOnly = #"{"name":"n","pipeline_id":"\#(Self.pipeline)","experiment_name":"e","recurrence":{"frequency":"Fortnight","interval":0,"time_zone":"Mars/Olympus"}}"#
            let recurrence = try await gateway.post("/v1/schedules", recurrenceOnly)
            let recurrencePointers = (recurrence.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String }
            #expect(recurrencePointers.contains { $0.hasPrefix("/recurrence/") }, "\(recurrencePointers)")

            let unknownParameter = #"{"name":"n","pipeline_id":"\#(Self.pipeline)","experiment_name":"e","pipeline_parameters":{"nope":"1"},"cron":{"expression":"0 9 * * MON-FRI"}}"#
            let mismatch = try await gateway.post("/v1/schedules", unknownParameter)
            #expect(mismatch.status == 422)
            #expect((mismatch.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/pipeline_parameters/nope")
            #expect(try await gateway.post("/v1/schedules", #"{"name":"n","pipeline_id":"nope","experiment_name":"e","cron":{"expression":"0 9 * * *"}}"#).status == 404)
            #expect(((try await gateway.get("/v1/schedules?active_only=false")).json?["items"] as? [Any])?.isEmpty == true)
            #expect(try await gateway.get("/v1/schedules/unknown").status == 404)
        }
    }

    @Test(arguments: ["0", "101", "1.5", "\"2\"", "true"])
    func maxConcurrentRuns_outsideOneToOneHundred_isRefusedByPointer(_ value: String) async throws {
        try await GatewayHarness.with { gateway in
            let body = Self.everyFifteen.dropLast() + #","max_concurrent_runs":\#(value)}"#
            let response = try await gateway.post("/v1/schedules", String(body))
            #expect(response.status == 400, "\(response.bodyText)")
            #expect((response.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/max_concurrent_runs")
            #expect(((try await gateway.get("/v1/schedules?active_only=false")).json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func maxConcurrentRuns_isStored_andAMergePatchNullRemovesIt() async throws {
        try await GatewayHarness.with { gateway in
            let created = try await gateway.post("/v1/schedules", String(Self.everyFifteen.dropLast() + #","max_concurrent_runs":3}"#))
            #expect(created.status == 201, "\(created.bodyText)")
            #expect(created.json?["max_concurrent_runs"] as? Int == 3)
            let id = try #require(created.json?["id"] as? String)
            let patched = try await gateway.request(
                "PATCH", "/v1/schedules/\(id)", body: #"{"max_concurrent_runs":null}"#, headers: ["Content-Type": "application/merge-patch+json"])
            #expect(patched.status == 200, "\(patched.bodyText)")
            #expect(patched.json?["max_concurrent_runs"] is NSNull)
        }
    }

    @Test func dryRuns_validateLikeTheRealCall_andStoreNothing() async throws {
        try await GatewayHarness.with { gateway in
            let wouldBe = try await gateway.post("/v1/schedules?dry_run=true", Self.everyFifteen)
            #expect(wouldBe.status == 200, "\(wouldBe.bodyText)")
            #expect(wouldBe.json?["name"] as? String == "every-15")
            #expect(wouldBe.json?["next_fire_at"] as? String == "2030-01-01T00:00:00.000Z")
            #expect(((try await gateway.get("/v1/schedules?active_only=false")).json?["items"] as? [Any])?.isEmpty == true)
            let refused = try await gateway.post("/v1/schedules?dry_run=true", Self.everyFifteen.replacingOccurrences(of: "\"x\"", with: "{}"))
            #expect(refused.status == 400)
            #expect(try await gateway.post("/v1/schedules?dry_run=maybe", Self.everyFifteen).status == 400)

            let id = try #require(try await gateway.post("/v1/schedules", Self.everyFifteen).json?["id"] as? String)
            let patch = #"{"recurrence":{"interval":30}}"#
            let preview = try await gateway.request("PATCH", "/v1/schedules/\(id)?dry_run=true", body: patch, headers: ["If-Match": "\"1\""])
            #expect(preview.status == 200, "\(preview.bodyText)")
            #expect((preview.json?["recurrence"] as? [String: Any])?["interval"] as? Int == 30)
            let stale = try await gateway.request("PATCH", "/v1/schedules/\(id)?dry_run=true", body: patch, headers: ["If-Match": "\"7\""])
            #expect(stale.status == 412)
            let invalid = try await gateway.request("PATCH", "/v1/schedules/\(id)?dry_run=true", body: #"{"recurrence":{"interval":0}}"#)
            #expect(invalid.status == 400)
            let stored = try await gateway.get("/v1/schedules/\(id)")
            #expect(stored.header("ETag") == "\"1\"")
            #expect((stored.json?["recurrence"] as? [String: Any])?["interval"] as? Int == 15)
        }
    }

    @Test func managedBy_isStoredShownAndChecked() async throws {
        try await GatewayHarness.with { gateway in
            let created = try await gateway.post("/v1/schedules", String(Self.everyFifteen.dropLast() + #","managed_by":"apply"}"#))
            #expect(created.status == 201, "\(created.bodyText)")
            #expect(created.json?["managed_by"] as? String == "apply")
            let plain = try await gateway.post("/v1/schedules", Self.everyFifteen)
            #expect(plain.json?["managed_by"] is NSNull)
            let bad = try await gateway.post("/v1/schedules", String(Self.everyFifteen.dropLast() + #","managed_by":"not ok/"}"#))
            #expect(bad.status == 400)
            #expect((bad.json?["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/managed_by")
            let id = try #require(created.json?["id"] as? String)
            let cleared = try await gateway.request("PATCH", "/v1/schedules/\(id)", body: #"{"managed_by":null}"#)
            #expect(cleared.json?["managed_by"] is NSNull)
        }
    }
}
