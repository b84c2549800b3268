import Emulator
import Foundation
import Testing

/// Reading schedules back (get, the three lists) and the SDK's read-modify-write `PUT` of the whole
/// entity, with enums as digit strings (what the SDK echoes from an int-emitting service) or names.
@Suite struct ScheduleUpdateTests {
    @Test func get_unknown_is404_inAzureShape() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/Schedules/00000000-0000-0000-0000-00000000dead")
            #expect(response.status == 404)
            #expect(response.errorCode == "ScheduleNotFound")
            #expect(try await h.azure("PUT", "/Schedules/missing", body: "{}").errorCode == "ScheduleNotFound")
        }
    }

    @Test func lists_filterByActiveOnly_pipeline_andEndpoint() async throws {
        try await withEmulator { h in
            let onPipeline = try #require(try await h.createSchedule(ScheduleBodies.minute)["Id"] as? String)
            let disabled = try await h.createSchedule(ScheduleBodies.weekly)
            let onEndpoint = try #require(try await h.createSchedule(ScheduleBodies.endpointMinute)["Id"] as? String)
            var entity = disabled
            entity["EntityStatus"] = "Disabled"
            let disabledID = try #require(disabled["Id"] as? String)
            #expect(try await h.putSchedule(disabledID, entity).status == 200)

            func ids(_ path: String) async throws -> [String] {
                let response = try await h.azure("GET", path)
                #expect(response.status == 200, "\(path): \(response.bodyText)")
                return (response.jsonArray as? [[String: Any]])?.compactMap { $0["Id"] as? String } ?? []
            }
            #expect(try await ids("/Schedules?activeOnly=true") == [onPipeline, onEndpoint])
            #expect(try await ids("/Schedules?activeOnly=false") == [onPipeline, disabledID, onEndpoint], "oldest first")
            #expect(try await ids("/Schedules/Pipeline/\(ScheduleBodies.pipeline)") == [onPipeline, disabledID], "no activeOnly: all of them")
            #expect(try await ids("/Schedules/PipelineEndpoint/\(ScheduleBodies.endpoint)") == [onEndpoint])
            #expect(try await ids("/Schedules/Pipeline/unknown-pipeline") == [])
            #expect(try await h.azure("GET", "/Schedules?activeOnly=maybe").status == 400)
        }
    }

    /// The real body of `s.disable()` on the weekly schedule (observed §5), ids swapped in.
    @Test func put_withDigitStringEnums_asTheSDKEchoesThem_disables() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.weekly)
            let id = try #require(created["Id"] as? String)
            let etag = try #require(created["Etag"] as? String)
            h.clock.advance(by: 60)
            let etagJSON = "\"" + etag.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            let body = #"""
                {"Name":"weekly","PipelineId":"\#(ScheduleBodies.pipeline)","ProvisioningStatus":"0","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","Description":"weekly run","RunType":"2","ParameterAssignments":{"input_string":"0.2"},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{},"ScheduleId":"\#(id)","Properties":{"azureml.git.branch":"main"}},"Recurrence":{"Frequency":"1","Interval":1,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time","Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":["0","4"]}},"Id":"\#(id)","Etag":\#(etagJSON),"CreatedDate":"\#(created["CreatedDate"] as? String ?? "")","LastModifiedDate":"\#(created["LastModifiedDate"] as? String ?? "")","EntityStatus":"Disabled","ScheduleType":"0"}
                """#
            let put = try await h.azure("PUT", "/Schedules/\(id)", body: body, contentType: "application/json-patch+json; charset=utf-8")
            #expect(put.status == 200, "\(put.bodyText)")
            let updated = try #require(put.json)
            #expect(updated["EntityStatus"] as? Int == 2)
            #expect(updated["ProvisioningStatus"] as? Int == 0)
            #expect(updated["Etag"] as? String != etag)
            #expect(updated["LastModifiedDate"] as? String != created["LastModifiedDate"] as? String)
            #expect(updated["CreatedDate"] as? String == created["CreatedDate"] as? String)
            let recurrence = try #require(updated["Recurrence"] as? [String: Any])
            #expect(recurrence["Frequency"] as? Int == 1)
            #expect((recurrence["Schedule"] as? [String: Any])?["WeekDays"] as? [Int] == [0, 4])
            let submission = try #require(updated["PipelineSubmissionInfo"] as? [String: Any])
            #expect(submission["Properties"] as? [String: String] == ["azureml.git.branch": "main"])
            #expect(try await h.azure("GET", "/Schedules/\(id)").json?["EntityStatus"] as? Int == 2)
        }
    }

    /// `s.enable()` and `s.update(recurrence=…)`: names where the SDK set the value, the rest echoed.
    @Test func put_withNames_enablesAndReplacesTheRecurrence() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.minute)
            let id = try #require(created["Id"] as? String)
            var entity = created
            entity["EntityStatus"] = "Disabled"
            entity["ScheduleType"] = "Recurrence"
            entity["ProvisioningStatus"] = "Completed"
            entity["Recurrence"] = ["Frequency": "Hour", "Interval": 2]
            var submission = try #require(created["PipelineSubmissionInfo"] as? [String: Any])
            submission["RunType"] = "Schedule"
            submission["ExperimentName"] = "exp-renamed"
            entity["PipelineSubmissionInfo"] = submission
            entity["Name"] = "every-two-hours"
            let put = try await h.putSchedule(id, entity)
            #expect(put.status == 200, "\(put.bodyText)")
            #expect(put.json?["Name"] as? String == "every-two-hours")
            #expect(put.json?["EntityStatus"] as? Int == 2)
            let recurrence = try #require(put.json?["Recurrence"] as? [String: Any])
            #expect(recurrence["Frequency"] as? Int == 3)
            #expect(recurrence["Interval"] as? Int == 2)
            #expect((put.json?["PipelineSubmissionInfo"] as? [String: Any])?["ExperimentName"] as? String == "exp-renamed")

            var enable = try #require(put.json)
            enable["EntityStatus"] = "Active"
            let enabled = try await h.putSchedule(id, enable)
            #expect(enabled.json?["EntityStatus"] as? Int == 0)
        }
    }

    @Test func put_ofADataStoreSchedule_replacesItsTrigger() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.dataStore)
            let id = try #require(created["Id"] as? String)
            var entity = created
            entity["Recurrence"] = nil
            entity["DataStoreTriggerInfo"] = ["DataStoreName": "workspaceblobstore", "PollingInterval": "15", "PathOnDataStore": "other"]
            entity["ScheduleType"] = "1"
            let put = try await h.putSchedule(id, entity)
            #expect(put.status == 200, "\(put.bodyText)")
            let trigger = try #require(put.json?["DataStoreTriggerInfo"] as? [String: Any])
            #expect(trigger["PollingInterval"] as? Int == 15)
            #expect(trigger["PathOnDataStore"] as? String == "other")
            #expect(trigger["DataPathParameterName"] is NSNull)
        }
    }

    @Test func put_refusesWhatAnUpdateCannotChange() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.minute)
            let id = try #require(created["Id"] as? String)
            let cases: [(String, [String: Any], String)] = [
                ("another id", ["Id": "00000000-0000-0000-0000-000000000000"], "ScheduleIdMismatch"),
                ("another pipeline", ["PipelineId": "other"], "InvalidSchedule"),
                ("an endpoint instead", ["PipelineEndpointId": ScheduleBodies.endpoint], "InvalidSchedule"),
                ("another type", ["ScheduleType": "1"], "InvalidScheduleType"),
                ("a datastore trigger on a recurrence", ["DataStoreTriggerInfo": ["DataStoreName": "workspaceblobstore"]], "InvalidScheduleType"),
                ("Deprecated", ["EntityStatus": "Deprecated"], "InvalidSchedule"),
                ("unknown status", ["EntityStatus": "9"], "InvalidSchedule"),
                ("bad time zone", ["Recurrence": ["Frequency": "Day", "Interval": 1, "TimeZone": "Europe/Berlin"]], "InvalidTimeZone"),
                ("bad experiment", ["PipelineSubmissionInfo": ["ExperimentName": "no spaces allowed"]], "InvalidExperimentName"),
                ("empty name", ["Name": ""], "InvalidSchedule"),
            ]
            for (what, change, code) in cases {
                var entity = created
                for (key, value) in change { entity[key] = value }
                let put = try await h.putSchedule(id, entity)
                #expect(put.status == 400, "\(what): \(put.bodyText)")
                #expect(put.errorCode == code, "\(what)")
            }
            let unchanged = try #require(try await h.azure("GET", "/Schedules/\(id)").json)
            #expect(unchanged["Etag"] as? String == created["Etag"] as? String, "a refused PUT changes nothing")
            let notJSON = try await h.azure("PUT", "/Schedules/\(id)", body: "[1]")
            #expect(notJSON.status == 400)
        }
    }

    @Test func put_ignoresReadOnlyFields() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.minute)
            let id = try #require(created["Id"] as? String)
            var entity = created
            entity["ProvisioningStatus"] = "2"
            entity["Etag"] = "\"stale\""
            entity["CreatedDate"] = "1970-01-01T00:00:00"
            let put = try await h.putSchedule(id, entity)
            #expect(put.status == 200, "\(put.bodyText)")
            #expect(put.json?["ProvisioningStatus"] as? Int == 0)
            #expect(put.json?["CreatedDate"] as? String == created["CreatedDate"] as? String)
        }
    }
}
