import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Schedules and webhooks that name a pipeline endpoint instead of a published pipeline: exactly one
/// of the two (422 with a pointer otherwise), validated against the chosen version, merge patches
/// that switch target, and fires and deliveries that really go through the endpoint.
@Suite(.serialized) struct PipelineEndpointScheduleTests {
    /// Every run the schedule started, once `count` of them have an Azure run id (or after 10 s).
    static func acceptedRuns(_ gateway: GatewayHarness, schedule: String, count: Int) async throws -> [[String: Any]] {
        var runs: [[String: Any]] = []
        for _ in 0..<100 {
            runs = try await gateway.get("/v1/runs?schedule_id=\(schedule)").json?["items"] as? [[String: Any]] ?? []
            if runs.filter({ $0["azure_run_id"] is String }).count >= count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return runs
    }

    @Test func schedule_namingAnEndpoint_firesThroughIt_andANewDefaultIsPickedUpAtFireTime() async throws {
        try await GatewayHarness.with { gateway in
            let (endpoint, second) = try await gateway.twoVersionEndpoint()
            // No start_time: one fire right at creation, as the SDK did.
            let created = try await gateway.post("/v1/schedules", """
                {"name":"via-endpoint","pipeline_endpoint_id":"\(endpoint)","experiment_name":"scheduled","recurrence":{"frequency":"Hour","interval":1}}
                """)
            #expect(created.status == 201, "\(created.bodyText)")
            let schedule = try #require(created.json)
            let id = try #require(schedule["id"] as? String)
            #expect(schedule["pipeline_id"] is NSNull, "exactly one target is shown")
            #expect(schedule["pipeline_endpoint_id"] as? String == endpoint)
            #expect(schedule["pipeline_version"] is NSNull)

            let fired = try await Self.acceptedRuns(gateway, schedule: id, count: 1)
            let first = try #require(fired.first)
            #expect(first["source"] as? String == "schedule")
            #expect(first["pipeline_endpoint_id"] as? String == endpoint)
            #expect(first["pipeline_version"] is NSNull, "not pinned: Azure ran the default at fire time")
            #expect(first["pipeline_id"] as? String == EndpointFixture.demoPipelineID, "learned from Azure's answer")

            try await gateway.patchEndpoint(endpoint, #"{"default_version":"1"}"#)
            let triggered = try await gateway.post("/v1/schedules/\(id)/trigger")
            #expect(triggered.status == 202, "\(triggered.bodyText)")
            #expect(triggered.json?["pipeline_id"] as? String == second, "the new default ran")
            let submits = try await gateway.emulatorCalls("submit_endpoint")
            #expect(submits.count == 2)
            #expect(submits.allSatisfy { ($0["path"] as? String)?.hasSuffix("/PipelineEndpointSubmit/Id/\(endpoint)") == true }, "no version pinned")
            #expect(try await gateway.emulatorCalls("submit").isEmpty)

            let listed = try await gateway.get("/v1/schedules?pipeline_endpoint_id=\(endpoint)")
            #expect((listed.json?["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let none = try await gateway.get("/v1/schedules?pipeline_endpoint_id=other")
            #expect((none.json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func schedule_pinnedVersion_isValidatedAgainstIt_andFiresIt() async throws {
        try await GatewayHarness.with { gateway in
            let (endpoint, second) = try await gateway.twoVersionEndpoint()
            let wrongType = try await gateway.post("/v1/schedules", """
                {"name":"p","pipeline_endpoint_id":"\(endpoint)","pipeline_version":"1","experiment_name":"e","pipeline_parameters":{"epochs":"x"},"cron":{"expression":"0 9 * * *"}}
                """)
            #expect(wrongType.status == 422, "\(wrongType.bodyText)")
            #expect(EndpointFixture.pointers(wrongType) == ["/pipeline_parameters/epochs"])
            let unknownVersion = try await gateway.post("/v1/schedules", """
                {"name":"p","pipeline_endpoint_id":"\(endpoint)","pipeline_version":"9","experiment_name":"e","cron":{"expression":"0 9 * * *"}}
                """)
            #expect(unknownVersion.status == 422, "\(unknownVersion.bodyText)")
            #expect(EndpointFixture.pointers(unknownVersion) == ["/pipeline_version"])
            let unknownEndpoint = try await gateway.post("/v1/schedules", """
                {"name":"p","pipeline_endpoint_id":"nope","experiment_name":"e","cron":{"expression":"0 9 * * *"}}
                """)
            #expect(unknownEndpoint.status == 404)

            let created = try await gateway.post("/v1/schedules", """
                {"name":"pinned","pipeline_endpoint_id":"\(endpoint)","pipeline_version":"1","experiment_name":"e","pipeline_parameters":{"epochs":4},"recurrence":{"frequency":"Hour","interval":1}}
                """)
            #expect(created.status == 201, "\(created.bodyText)")
            #expect(created.json?["pipeline_version"] as? String == "1")
            let id = try #require(created.json?["id"] as? String)
            let fired = try await Self.acceptedRuns(gateway, schedule: id, count: 1)
            #expect(fired.first?["pipeline_version"] as? String == "1")
            #expect(fired.first?["pipeline_id"] as? String == second)
            let submits = try await gateway.emulatorCalls("submit_endpoint")
            #expect((submits.first?["path"] as? String)?.hasSuffix("/Id/\(endpoint)/1") == true)
        }
    }

    @Test func disablingAPipeline_thatAScheduledEndpointVersionRuns_isAConflict() async throws {
        try await GatewayHarness.with { gateway in
            let (endpoint, second) = try await gateway.twoVersionEndpoint()
            let created = try await gateway.post("/v1/schedules", """
                {"name":"pinned-1","pipeline_endpoint_id":"\(endpoint)","pipeline_version":"1","experiment_name":"e","cron":{"expression":"0 9 * * *"}}
                """)
            let id = try #require(created.json?["id"] as? String)
            let refused = try await gateway.post("/v1/pipelines/\(second)/disable")
            #expect(refused.status == 409, "\(refused.bodyText)")
            #expect(refused.json?["schedule_ids"] as? String == id)
            let notUsed = try await gateway.post("/v1/pipelines/\(EndpointFixture.demoPipelineID)/disable")
            #expect(notUsed.status == 200, "the schedule runs version 1, not the default's pipeline")

            // Disabled first, the schedule no longer holds its pipeline; enabling it again is then refused.
            #expect(try await gateway.post("/v1/schedules/\(id)/disable").status == 200)
            #expect(try await gateway.post("/v1/pipelines/\(second)/disable").status == 200)
            let enable = try await gateway.post("/v1/schedules/\(id)/enable")
            #expect(enable.status == 409, "\(enable.bodyText)")
            let trigger = try await gateway.post("/v1/schedules/\(id)/trigger")
            #expect(trigger.status == 409, "refused before Azure is asked: \(trigger.bodyText)")
            #expect(try await gateway.post("/v1/pipelines/\(second)/enable").status == 200)
            #expect(try await gateway.post("/v1/schedules/\(id)/enable").status == 200)
        }
    }

    @Test func schedule_exactlyOneTarget_422WithPointers() async throws {
        try await GatewayHarness.with { gateway in
            let trigger = #""experiment_name":"e","cron":{"expression":"0 9 * * *"}"#
            let both = try await gateway.post(
                "/v1/schedules", #"{"name":"b","pipeline_id":"\#(EndpointFixture.demoPipelineID)","pipeline_endpoint_id":"\#(EndpointFixture.demoEndpointID)",\#(trigger)}"#)
            #expect(both.status == 422, "\(both.bodyText)")
            #expect(Set(EndpointFixture.pointers(both)) == ["/pipeline_id", "/pipeline_endpoint_id"])
            let neither = try await gateway.post("/v1/schedules", #"{"name":"n",\#(trigger)}"#)
            #expect(neither.status == 422)
            #expect(EndpointFixture.pointers(neither) == ["/pipeline_id"])
            let versionOfAPipeline = try await gateway.post(
                "/v1/schedules", #"{"name":"v","pipeline_id":"\#(EndpointFixture.demoPipelineID)","pipeline_version":"0",\#(trigger)}"#)
            #expect(versionOfAPipeline.status == 422)
            #expect(EndpointFixture.pointers(versionOfAPipeline) == ["/pipeline_version"])
            let alsoMalformed = try await gateway.post("/v1/schedules", #"{"name":5,\#(trigger)}"#)
            #expect(alsoMalformed.status == 400, "a malformed body is a 400 that lists the target problem too")
            #expect(Set(EndpointFixture.pointers(alsoMalformed)) == ["/name", "/pipeline_id"])
        }
    }

    @Test func schedule_mergePatch_switchesTarget_onlyWhenTheOtherIsNulled() async throws {
        try await GatewayHarness.with { gateway in
            let created = try await gateway.post("/v1/schedules", """
                {"name":"switch","pipeline_id":"\(EndpointFixture.demoPipelineID)","experiment_name":"e","cron":{"expression":"0 9 * * *"}}
                """)
            let id = try #require(created.json?["id"] as? String)
            let path = "/v1/schedules/\(id)"
            let added = try await gateway.request("PATCH", path, body: #"{"pipeline_endpoint_id":"\#(EndpointFixture.demoEndpointID)"}"#)
            #expect(added.status == 422, "a merge patch keeps pipeline_id unless it is nulled")
            #expect(Set(EndpointFixture.pointers(added)) == ["/pipeline_id", "/pipeline_endpoint_id"])
            let switched = try await gateway.request(
                "PATCH", path, body: #"{"pipeline_id":null,"pipeline_endpoint_id":"\#(EndpointFixture.demoEndpointID)","pipeline_version":"0"}"#)
            #expect(switched.status == 200, "\(switched.bodyText)")
            #expect(switched.json?["pipeline_id"] is NSNull)
            #expect(switched.json?["pipeline_endpoint_id"] as? String == EndpointFixture.demoEndpointID)
            #expect(switched.json?["pipeline_version"] as? String == "0")
            let backWithVersion = try await gateway.request("PATCH", path, body: #"{"pipeline_id":"\#(EndpointFixture.demoPipelineID)","pipeline_endpoint_id":null}"#)
            #expect(backWithVersion.status == 422)
            #expect(EndpointFixture.pointers(backWithVersion) == ["/pipeline_version"])
            let back = try await gateway.request(
                "PATCH", path, body: #"{"pipeline_id":"\#(EndpointFixture.demoPipelineID)","pipeline_endpoint_id":null,"pipeline_version":null}"#)
            #expect(back.status == 200, "\(back.bodyText)")
            #expect(back.json?["pipeline_id"] as? String == EndpointFixture.demoPipelineID)
            #expect(back.json?["pipeline_endpoint_id"] is NSNull)
            #expect(back.json?["pipeline_version"] is NSNull)
        }
    }

    @Test func webhook_namingAnEndpoint_deliversThroughIt() async throws {
        try await GatewayHarness.with { gateway in
            let token = "endpoint-hook-token-0123456789"
            let created = try await gateway.post("/v1/webhooks", """
                {"name":"via-endpoint","pipeline_endpoint_id":"\(EndpointFixture.demoEndpointID)","experiment_name":"MyRestPipeline","scheme":"token",
                 "secrets":["\(token)"],"parameter_assignments":{"input_string":"{{/file}}"}}
                """)
            #expect(created.status == 201, "\(created.bodyText)")
            let hook = try #require(created.json)
            let id = try #require(hook["id"] as? String)
            #expect(hook["pipeline_id"] is NSNull)
            #expect(hook["pipeline_endpoint_id"] as? String == EndpointFixture.demoEndpointID)

            let delivered = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"file":"a.csv"}"#)
            #expect(delivered.status == 202, "\(delivered.bodyText)")
            #expect(delivered.json?["pipeline_endpoint_id"] as? String == EndpointFixture.demoEndpointID)
            #expect(delivered.json?["pipeline_version"] as? String == "0")
            let runID = try #require(delivered.json?["id"] as? String)
            var submits: [[String: Any]] = []
            for _ in 0..<100 {
                submits = try await gateway.emulatorCalls("submit_endpoint")
                if !submits.isEmpty { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(submits.count == 1)
            let body = try #require(submits.first?["body"] as? [String: Any])
            #expect((body["ParameterAssignments"] as? [String: Any])?["input_string"] as? String == "a.csv")
            #expect((body["tags"] as? [String: Any])?["gateway_run_id"] as? String == runID)

            let notDeclared = try await gateway.post("/hooks/\(id)?code=\(token)", #"{"other":1}"#)
            #expect(notDeclared.status == 422, "templates still checked")
        }
    }

    @Test func webhook_exactlyOneTarget_andAnUnknownVersion_422() async throws {
        try await GatewayHarness.with { gateway in
            let both = try await gateway.post("/v1/webhooks", """
                {"name":"b","pipeline_id":"\(EndpointFixture.demoPipelineID)","pipeline_endpoint_id":"\(EndpointFixture.demoEndpointID)","experiment_name":"E"}
                """)
            #expect(both.status == 422, "\(both.bodyText)")
            #expect(Set(EndpointFixture.pointers(both)) == ["/pipeline_id", "/pipeline_endpoint_id"])
            let unknownVersion = try await gateway.post("/v1/webhooks", """
                {"name":"v","pipeline_endpoint_id":"\(EndpointFixture.demoEndpointID)","pipeline_version":"3","experiment_name":"E"}
                """)
            #expect(unknownVersion.status == 422)
            #expect(EndpointFixture.pointers(unknownVersion) == ["/pipeline_version"])
            let created = try await gateway.post("/v1/webhooks", #"{"name":"w","pipeline_id":"\#(EndpointFixture.demoPipelineID)","experiment_name":"E"}"#)
            let id = try #require(created.json?["id"] as? String)
            let added = try await gateway.request("PATCH", "/v1/webhooks/\(id)", body: #"{"pipeline_endpoint_id":"\#(EndpointFixture.demoEndpointID)"}"#)
            #expect(added.status == 422, "a merge patch keeps pipeline_id unless it is nulled")
            let switched = try await gateway.request(
                "PATCH", "/v1/webhooks/\(id)", body: #"{"pipeline_id":null,"pipeline_endpoint_id":"\#(EndpointFixture.demoEndpointID)"}"#)
            #expect(switched.status == 200, "\(switched.bodyText)")
            #expect(switched.json?["pipeline_id"] is NSNull)
            #expect(switched.json?["pipeline_endpoint_id"] as? String == EndpointFixture.demoEndpointID)
            let unknownParameter = try await gateway.post("/v1/webhooks", """
                {"name":"p","pipeline_endpoint_id":"\(EndpointFixture.demoEndpointID)","experiment_name":"E","parameter_assignments":{"epochs":"{{/n}}"}}
                """)
            #expect(unknownParameter.status == 422)
            #expect(EndpointFixture.pointers(unknownParameter) == ["/parameter_assignments/epochs"])
        }
    }
}
