import Foundation
import Testing
@testable import Gateway
import TestSupport

/// The SDK facade's Schedules operations on Azure's paths, answered from gateway schedules in
/// Azure's wire shape (observed sheet §5), end to end over HTTP with the built-in emulator.
@Suite(.serialized) struct SDKFacadeScheduleTests {
    static func error(_ response: RawHTTPResponse) -> (code: String?, message: String) {
        let error = response.json?["Error"] as? [String: Any]
        return (error?["Code"] as? String, error?["Message"] as? String ?? "")
    }

    @Test func create_answers200Completed_andIsAGatewaySchedule() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let created = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(), token: token)
            #expect(created.status == 200, "\(created.bodyText)")
            let entity = try #require(created.json)
            let id = try #require(entity["Id"] as? String)
            #expect(entity["ProvisioningStatus"] as? String == "Completed")
            #expect(entity["ScheduleType"] as? String == "Recurrence")
            #expect(entity["EntityStatus"] as? String == "Active")
            #expect((entity["Recurrence"] as? [String: Any])?["Frequency"] as? String == "Minute")
            #expect((entity["PipelineSubmissionInfo"] as? [String: Any])?["ScheduleId"] as? String == id)

            let own = try await gateway.get("/v1/schedules/\(id)")
            #expect(own.status == 200)
            #expect(own.json?["experiment_name"] as? String == "exp-sched")
            #expect((own.json?["recurrence"] as? [String: Any])?["interval"] as? Int == 15)

            let read = try await gateway.facade("GET", "/Schedules/\(id)", token: token)
            #expect(read.status == 200)
            #expect(read.json?["Id"] as? String == id)
            #expect(read.json?["Name"] as? String == "every15")
        }
    }

    @Test func weeklyWithAWindowsZone_andADatastoreSchedule_roundTrip() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let weekly = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.weeklyCreate, token: token)
            #expect(weekly.status == 200, "\(weekly.bodyText)")
            let recurrence = try #require(weekly.json?["Recurrence"] as? [String: Any])
            #expect(recurrence["TimeZone"] as? String == "W. Europe Standard Time")
            #expect(recurrence["StartTime"] as? String == "2026-11-25T02:00:00")
            let schedule = try #require(recurrence["Schedule"] as? [String: Any])
            #expect(schedule["WeekDays"] as? [String] == ["Monday", "Friday"])
            #expect(schedule["Hours"] as? [Int] == [2, 14])
            let id = try #require(weekly.json?["Id"] as? String)
            let own = try await gateway.get("/v1/schedules/\(id)")
            #expect((own.json?["recurrence"] as? [String: Any])?["time_zone"] as? String == "W. Europe Standard Time")

            let datastore = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.datastoreCreate, token: token)
            #expect(datastore.status == 200, "\(datastore.bodyText)")
            #expect(datastore.json?["ScheduleType"] as? String == "DataStore")
            let trigger = try #require(datastore.json?["DataStoreTriggerInfo"] as? [String: Any])
            #expect(trigger["DataStoreName"] as? String == "workspaceblobstore")
            #expect(trigger["PollingInterval"] as? Int == 10)
            #expect(trigger["PathOnDataStore"] as? String == "incoming/data")
            #expect((datastore.json?["PipelineSubmissionInfo"] as? [String: Any])?["ContinueRunOnStepFailure"] as? Bool == true)
        }
    }

    @Test func list_activeOnly_andByPipelineAndEndpoint_plainArrays() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let first = try #require(try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(name: "a"), token: token).json?["Id"] as? String)
            let second = try #require(try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(name: "b"), token: token).json?["Id"] as? String)
            let endpointBody = #"{"Name":"via-endpoint","PipelineEndpointId":"\#(EndpointFixture.demoEndpointID)","PipelineSubmissionInfo":{"ExperimentName":"exp"},"Recurrence":{"Frequency":"Hour","Interval":1},"ScheduleType":"0"}"#
            let viaEndpoint = try await gateway.facade("POST", "/Schedules/Create", body: endpointBody, token: token)
            #expect(viaEndpoint.status == 200, "\(viaEndpoint.bodyText)")
            #expect(viaEndpoint.json?["PipelineEndpointId"] as? String == EndpointFixture.demoEndpointID)
            #expect(viaEndpoint.json?["PipelineId"] == nil)
            let disabled = try await gateway.post("/v1/schedules/\(second)/disable")
            #expect(disabled.status == 200)

            let active = GatewayHarness.array(try await gateway.facade("GET", "/Schedules?activeOnly=true", token: token)).compactMap { $0["Id"] as? String }
            #expect(active.contains(first) && !active.contains(second))
            let all = GatewayHarness.array(try await gateway.facade("GET", "/Schedules?activeOnly=false", token: token)).compactMap { $0["Id"] as? String }
            #expect(all.contains(first) && all.contains(second) && all.count == 3)
            let byPipeline = GatewayHarness.array(try await gateway.facade("GET", "/Schedules/Pipeline/\(FacadeFixture.pipelineID)", token: token))
            #expect(Set(byPipeline.compactMap { $0["Id"] as? String }) == [first, second])
            let byEndpoint = GatewayHarness.array(try await gateway.facade("GET", "/Schedules/PipelineEndpoint/\(EndpointFixture.demoEndpointID)", token: token))
            #expect(byEndpoint.count == 1)
        }
    }

    @Test func put_readModifyWrite_everyEnumForm_disablesAndEnables() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let created = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.weeklyCreate, token: token)
            let id = try #require(created.json?["Id"] as? String)
            let etag = try #require(created.json?["Etag"] as? String)
            // What the SDK sends back after reading an int-emitting server: digit strings everywhere.
            let digits = #"{"Name":"weekly","PipelineId":"\#(FacadeFixture.pipelineID)","ProvisioningStatus":"0","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","Description":"weekly run","RunType":"2","ParameterAssignments":{"input_string":"0.2"},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{},"ScheduleId":"\#(id)"},"Recurrence":{"Frequency":"1","Interval":"1","StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time","Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":["0","4"]}},"Id":"\#(id)","Etag":\#(JSONFixture.quote(etag)),"EntityStatus":"Disabled","ScheduleType":"0"}"#
            let off = try await gateway.facade("PUT", "/Schedules/\(id)", body: digits, token: token)
            #expect(off.status == 200, "\(off.bodyText)")
            #expect(off.json?["EntityStatus"] as? String == "Disabled")
            #expect(try await gateway.get("/v1/schedules/\(id)").json?["status"] as? String == "Disabled")
            // Nothing but the status changed, so the definition (and its week days) is as created.
            let weekDays = (try await gateway.get("/v1/schedules/\(id)").json?["recurrence"] as? [String: Any])?["week_days"] as? [String]
            #expect(weekDays == ["Monday", "Friday"])

            // Ints, as JSON numbers, and the name for the status.
            let newEtag = try #require(off.json?["Etag"] as? String)
            let ints = #"{"Name":"weekly","PipelineId":"\#(FacadeFixture.pipelineID)","ProvisioningStatus":0,"PipelineSubmissionInfo":{"ExperimentName":"exp-sched","Description":"weekly run","RunType":2,"ParameterAssignments":{"input_string":"0.2"}},"Recurrence":{"Frequency":1,"Interval":1.0,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time","Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":[0,4]}},"Id":"\#(id)","Etag":\#(JSONFixture.quote(newEtag)),"EntityStatus":"Active","ScheduleType":0}"#
            let on = try await gateway.facade("PUT", "/Schedules/\(id)", body: ints, token: token)
            #expect(on.status == 200, "\(on.bodyText)")
            #expect(on.json?["EntityStatus"] as? String == "Active")
            #expect(try await gateway.get("/v1/schedules/\(id)").json?["status"] as? String == "Active")
        }
    }

    @Test func put_aRecurrenceOfAnotherShape_replacesTheWholeRecurrence_andAStaleEtagIsRefused() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let created = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.weeklyCreate, token: token)
            let id = try #require(created.json?["Id"] as? String)
            let etag = try #require(created.json?["Etag"] as? String)
            let hourly = #"{"Name":"weekly","PipelineId":"\#(FacadeFixture.pipelineID)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{}},"Recurrence":{"Frequency":"Hour","Interval":2},"Id":"\#(id)","Etag":\#(JSONFixture.quote(etag)),"EntityStatus":"0","ScheduleType":"Recurrence"}"#
            let updated = try await gateway.facade("PUT", "/Schedules/\(id)", body: hourly, token: token)
            #expect(updated.status == 200, "\(updated.bodyText)")
            let own = try #require(try await gateway.get("/v1/schedules/\(id)").json)
            let recurrence = try #require(own["recurrence"] as? [String: Any])
            #expect(recurrence["frequency"] as? String == "Hour")
            #expect(recurrence["interval"] as? Int == 2)
            for gone in ["week_days", "hours", "minutes", "time_zone", "start_time"] {
                #expect(recurrence[gone] == nil || recurrence[gone] is NSNull, "\(gone) survived the PUT")
            }
            #expect(own["description"] == nil || own["description"] is NSNull, "Description was left out of the PUT")
            #expect((own["pipeline_parameters"] as? [String: Any])?.isEmpty == true, "a parameter left out is removed")

            let stale = try await gateway.facade("PUT", "/Schedules/\(id)", body: hourly, token: token)
            #expect(stale.status == 412)
            #expect(Self.error(stale).code == "PreconditionFailed")
        }
    }

    @Test func anIANAZone_isShownAsItsWindowsId_andKeptAsGivenThroughAPut() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let created = try await gateway.post("/v1/schedules", #"{"name":"berlin","pipeline_id":"\#(FacadeFixture.pipelineID)","experiment_name":"e","recurrence":{"frequency":"Day","interval":1,"time_zone":"Europe/Berlin","hours":[6],"minutes":[0]}}"#)
            let id = try #require(created.json?["id"] as? String, "\(created.bodyText)")
            let read = try await gateway.facade("GET", "/Schedules/\(id)", token: token)
            let recurrence = try #require(read.json?["Recurrence"] as? [String: Any])
            #expect(recurrence["TimeZone"] as? String == "W. Europe Standard Time")
            var entity = try #require(read.json)
            entity["EntityStatus"] = "Disabled"
            let body = String(decoding: try JSONSerialization.data(withJSONObject: entity), as: UTF8.self)
            let put = try await gateway.facade("PUT", "/Schedules/\(id)", body: body, token: token)
            #expect(put.status == 200, "\(put.bodyText)")
            let own = try await gateway.get("/v1/schedules/\(id)")
            #expect((own.json?["recurrence"] as? [String: Any])?["time_zone"] as? String == "Europe/Berlin")
            #expect(own.json?["status"] as? String == "Disabled")
        }
    }

    @Test func gatewayOnlySchedules_areLeftOutOfLists_andRefusedClearly() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let cron = try await gateway.post("/v1/schedules", #"{"name":"cron","pipeline_id":"\#(FacadeFixture.pipelineID)","experiment_name":"e","cron":{"expression":"0 6 * * *"}}"#)
            let cronID = try #require(cron.json?["id"] as? String, "\(cron.bodyText)")
            let busingen = try await gateway.post("/v1/schedules", #"{"name":"busingen","pipeline_id":"\#(FacadeFixture.pipelineID)","experiment_name":"e","recurrence":{"frequency":"Day","interval":1,"time_zone":"Europe/Busingen"}}"#)
            let zoneID = try #require(busingen.json?["id"] as? String, "\(busingen.bodyText)")
            let listed = GatewayHarness.array(try await gateway.facade("GET", "/Schedules?activeOnly=false", token: token))
            #expect(listed.isEmpty)
            for (id, reason) in [(cronID, "cron"), (zoneID, "Europe/Busingen")] {
                for method in ["GET", "PUT"] {
                    let answer = try await gateway.facade(method, "/Schedules/\(id)", body: method == "PUT" ? FacadeFixture.minuteCreate() : nil, token: token)
                    #expect(answer.status == 400)
                    #expect(Self.error(answer).code == "ScheduleNotSupportedBySDK")
                    #expect(Self.error(answer).message.contains(reason))
                }
            }
        }
    }

    @Test func runsOfASchedule_andItsLastRun_fromTheLedger() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let created = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.weeklyCreate, token: token)
            let id = try #require(created.json?["Id"] as? String)
            let none = try await gateway.facade("GET", "/PipelineRuns/Schedule/\(id)/Last", token: token)
            #expect(none.status == 204)
            #expect(GatewayHarness.array(try await gateway.facade("GET", "/PipelineRuns/Schedule/\(id)", token: token)).isEmpty)

            let fired = try await gateway.post("/v1/schedules/\(id)/trigger")
            #expect(fired.status == 202, "\(fired.bodyText)")
            let azureRunID = try #require(fired.json?["azure_run_id"] as? String)
            let runs = GatewayHarness.array(try await gateway.facade("GET", "/PipelineRuns/Schedule/\(id)", token: token))
            #expect(runs.map { $0["Id"] as? String } == [azureRunID])
            #expect(runs.first?["RunHistoryExperimentName"] as? String == "exp-sched")
            let last = try await gateway.facade("GET", "/PipelineRuns/Schedule/\(id)/Last", token: token)
            #expect(last.status == 200)
            #expect(last.json?["Id"] as? String == azureRunID)
        }
    }

    @Test func badInput_isAnsweredInAzuresShape_namingTheField() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let notJSON = try await gateway.facade("POST", "/Schedules/Create", body: "{nope", token: token)
            #expect(notJSON.status == 400)
            #expect(Self.error(notJSON).code == "BadRequest")

            let badFrequency = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate().replacingOccurrences(of: "\"Minute\"", with: "\"Fortnight\""), token: token)
            #expect(badFrequency.status == 400)
            #expect(Self.error(badFrequency).message.contains("Recurrence.Frequency"))

            let badInterval = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(interval: 0), token: token)
            #expect(badInterval.status == 422 || badInterval.status == 400, "\(badInterval.bodyText)")
            #expect(Self.error(badInterval).message.contains("Recurrence.Interval"), "\(badInterval.bodyText)")

            let unknownPipeline = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate().replacingOccurrences(of: FacadeFixture.pipelineID, with: "no-such-pipeline"), token: token)
            #expect((400..<500).contains(unknownPipeline.status), "\(unknownPipeline.bodyText)")
            #expect(Self.error(unknownPipeline).code != nil)

            let unknown = try await gateway.facade("GET", "/Schedules/x/y/z", token: token)
            #expect(unknown.status == 404)
            #expect(Self.error(unknown).code == "UnknownOperation")
            let delete = try await gateway.facade("DELETE", "/Schedules/some-id", token: token)
            #expect(delete.status == 404)
            #expect(Self.error(delete).code == "UnknownOperation")
            let missing = try await gateway.facade("GET", "/Schedules/no-such-schedule", token: token)
            #expect(missing.status == 404)
            #expect(Self.error(missing).code == "ScheduleNotFound")

            let otherWorkspace = GatewayHarness.workspacePath.replacingOccurrences(of: "emulated-ws", with: "other-ws")
            let elsewhere = try await gateway.request("GET", otherWorkspace + "/Schedules?activeOnly=true", headers: ["Authorization": "Bearer \(token)"])
            #expect(elsewhere.status == 404)
            #expect(Self.error(elsewhere).code == "WorkspaceNotFound")
        }
    }
}

enum JSONFixture {
    static func quote(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
