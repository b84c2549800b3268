import Emulator
import Foundation
import Testing

/// The runs of a v1 schedule: `POST /emulator/schedules/{id}/fire` records an Azure-side fire (a run
/// through the ordinary submit path, dated now or at the given time), `GET {WS}/PipelineRuns/Schedule/{id}`
/// lists them newest first and `…/Last` gives the newest or 204; plus the schedule operations' fault
/// names and call log entries.
@Suite struct ScheduleRunTests {
    @Test func last_is204_untilAFire_thenTheRunWithItsScheduleId() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.createSchedule(ScheduleBodies.weekly)["Id"] as? String)
            let none = try await h.azure("GET", "/PipelineRuns/Schedule/\(id)/Last")
            #expect(none.status == 204)
            #expect(none.body.isEmpty)
            #expect(try await h.azure("GET", "/PipelineRuns/Schedule/\(id)").jsonArray?.count == 0)

            let fired = try await h.admin("POST", "/schedules/\(id)/fire")
            #expect(fired.status == 201, "\(fired.bodyText)")
            let run = try #require(fired.json)
            let runID = try #require(run["Id"] as? String)
            #expect(run["ScheduleId"] as? String == id)
            #expect(run["RunType"] as? Int == 2)
            #expect(run["PipelineId"] as? String == ScheduleBodies.pipeline)
            #expect(run["RunHistoryExperimentName"] as? String == "exp-sched")
            #expect(run["ParameterAssignments"] as? [String: String] == ["input_string": "0.2"])
            #expect(run["Description"] as? String == "weekly run")

            let last = try await h.azure("GET", "/PipelineRuns/Schedule/\(id)/Last")
            #expect(last.status == 200)
            #expect(last.json?["Id"] as? String == runID)
            #expect(try await h.azure("GET", "/PipelineRuns/\(runID)").json?["ScheduleId"] as? String == id, "an ordinary run")
            let history = try await h.send(
                "GET", "/history/v1.0/subscriptions/\(AzureMLEmulator.subscriptionID)/resourceGroups/\(AzureMLEmulator.resourceGroup)"
                    + "/providers/Microsoft.MachineLearningServices/workspaces/\(AzureMLEmulator.workspaceName)/experiments/exp-sched/runs/\(runID)",
                headers: [("Authorization", "Bearer \(try await h.token())")])
            #expect(history.status == 200, "in run history at once, for the SDK's rehydration: \(history.bodyText)")
        }
    }

    @Test func runs_newestFirst_byTheirTime() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.createSchedule(ScheduleBodies.minute)["Id"] as? String)
            let early = try await h.admin("POST", "/schedules/\(id)/fire", body: #"{"time":"2026-11-10T10:15:00Z"}"#)
            #expect(early.status == 201, "\(early.bodyText)")
            #expect((early.json?["Status"] as? [String: Any])?["CreationTime"] as? String == "2026-11-10T10:15:00.0000000+00:00")
            #expect(early.json?["CreatedDate"] as? String == "2026-11-10T10:15:00.0000000+00:00")
            let now = try #require(try await h.admin("POST", "/schedules/\(id)/fire", body: "{}").json?["Id"] as? String)
            let between = try await h.admin("POST", "/schedules/\(id)/fire", body: #"{"time":"2026-11-10T11:15:00.5+01:00"}"#)
            #expect(between.status == 201)
            let earlyID = try #require(early.json?["Id"] as? String)
            let betweenID = try #require(between.json?["Id"] as? String)
            // The test clock reads 2026-11-18, after both dated fires; the middle one was recorded last.

            let runs = try await h.azure("GET", "/PipelineRuns/Schedule/\(id)")
            #expect(runs.status == 200)
            let ids = (runs.jsonArray as? [[String: Any]])?.compactMap { $0["Id"] as? String }
            #expect(ids == [now, betweenID, earlyID])
            #expect(try await h.azure("GET", "/PipelineRuns/Schedule/\(id)/Last").json?["Id"] as? String == now)
        }
    }

    @Test func fire_ofAnEndpointSchedule_runsItsDefaultVersion() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.createSchedule(ScheduleBodies.endpointMinute)["Id"] as? String)
            let fired = try await h.admin("POST", "/schedules/\(id)/fire")
            #expect(fired.status == 201, "\(fired.bodyText)")
            #expect(fired.json?["PipelineId"] as? String == AzureMLEmulator.demoPipelineID)
        }
    }

    @Test func fire_refusals() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.createSchedule(ScheduleBodies.minute)["Id"] as? String)
            let unknown = try await h.admin("POST", "/schedules/missing/fire")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "ScheduleNotFound")
            for body in [#"{"time":"yesterday"}"#, #"{"time":"2026-11-25T10:15:00"}"#, #"{"time":5}"#, "[]"] {
                let bad = try await h.admin("POST", "/schedules/\(id)/fire", body: body)
                #expect(bad.status == 400, "\(body)")
                #expect(bad.errorCode == "InvalidFireTime", "\(body)")
            }
            // Validated like any submit: the weekly body assigns a parameter the pipeline no longer accepts.
            let other = try await h.admin("POST", "/pipelines", body: #"{"id":"strict","name":"strict","parameters":{}}"#)
            #expect(other.status == 201)
            let strict = try #require(
                try await h.createSchedule(ScheduleBodies.weekly.replacingOccurrences(of: ScheduleBodies.pipeline, with: "strict"))["Id"] as? String)
            let refused = try await h.admin("POST", "/schedules/\(strict)/fire")
            #expect(refused.status == 400)
            #expect(refused.errorCode == "UnknownParameter")
            #expect(try await h.azure("GET", "/PipelineRuns/Schedule/\(strict)").jsonArray?.count == 0)
            #expect(try await h.azure("GET", "/PipelineRuns/Schedule/missing").errorCode == "ScheduleNotFound")
            #expect(try await h.azure("GET", "/PipelineRuns/Schedule/missing/Last").status == 404)
        }
    }

    @Test func faults_byEachScheduleOperationName() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.createSchedule(ScheduleBodies.minute)["Id"] as? String)
            let entity = try #require(try await h.azure("GET", "/Schedules/\(id)").json)
            let calls: [(String, () async throws -> Int)] = [
                ("create_schedule", { try await h.azure("POST", "/Schedules/Create", body: ScheduleBodies.minute).status }),
                ("list_schedules", { try await h.azure("GET", "/Schedules?activeOnly=true").status }),
                ("list_schedules", { try await h.azure("GET", "/Schedules/Pipeline/\(ScheduleBodies.pipeline)").status }),
                ("list_schedules", { try await h.azure("GET", "/Schedules/PipelineEndpoint/\(ScheduleBodies.endpoint)").status }),
                ("get_schedule", { try await h.azure("GET", "/Schedules/\(id)").status }),
                ("put_schedule", { try await h.putSchedule(id, entity).status }),
                ("list_pipeline_runs", { try await h.azure("GET", "/PipelineRuns/Schedule/\(id)").status }),
                ("list_pipeline_runs", { try await h.azure("GET", "/PipelineRuns/Schedule/\(id)/Last").status }),
            ]
            for (operation, call) in calls {
                let planned = try await h.admin("POST", "/faults", body: #"{"operation":"\#(operation)","status":503}"#)
                #expect(planned.status == 201, "\(operation): \(planned.bodyText)")
                #expect(try await call() == 503, "\(operation)")
                #expect(try await call() != 503, "\(operation): one fault, one call")
            }
        }
    }

    @Test func everyScheduleCall_isInTheCallLog_withItsOperation() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.createSchedule(ScheduleBodies.minute)["Id"] as? String)
            _ = try await h.azure("GET", "/Schedules?activeOnly=false")
            _ = try await h.azure("GET", "/Schedules/Pipeline/\(ScheduleBodies.pipeline)")
            _ = try await h.azure("GET", "/Schedules/PipelineEndpoint/\(ScheduleBodies.endpoint)")
            _ = try await h.azure("GET", "/Schedules/\(id)")
            _ = try await h.putSchedule(id, ["EntityStatus": "Disabled"])
            _ = try await h.azure("GET", "/PipelineRuns/Schedule/\(id)")
            _ = try await h.azure("GET", "/PipelineRuns/Schedule/\(id)/Last")
            let items = try #require(try await h.admin("GET", "/calls").json?["items"] as? [[String: Any]])
            let scheduleCalls = items.filter { ($0["path"] as? String)?.contains("Schedule") == true }
            #expect(scheduleCalls.compactMap { $0["operation"] as? String } == [
                "create_schedule", "list_schedules", "list_schedules", "list_schedules", "get_schedule", "put_schedule",
                "list_pipeline_runs", "list_pipeline_runs",
            ])
            let create = try #require(scheduleCalls.first?["body"] as? [String: Any])
            #expect(create["Name"] as? String == "every15", "the body is recorded parsed")
        }
    }
}
