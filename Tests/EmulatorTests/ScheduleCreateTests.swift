import Emulator
import Foundation
import Testing

/// `POST {WS}/Schedules/Create` with each body of the observed sheet's §5 table, answered 200 with a
/// provisioned `PipelineScheduleEntity` (enums as integers), and each way Azure refuses a body.
@Suite struct ScheduleCreateTests {
    static let pipeline = ScheduleBodies.pipeline

    @Test func minuteRecurrence_isProvisionedAtOnce_inAzureShape() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.minute)
            let id = try #require(created["Id"] as? String)
            #expect(UUID(uuidString: id) != nil)
            #expect(created["Name"] as? String == "every15")
            #expect(created["PipelineId"] as? String == Self.pipeline)
            #expect(created["PipelineEndpointId"] is NSNull)
            #expect(created["ScheduleType"] as? Int == 0)
            #expect(created["ProvisioningStatus"] as? Int == 0)
            #expect(created["EntityStatus"] as? Int == 0)
            #expect((created["Etag"] as? String)?.hasPrefix("\"") == true)
            #expect(created["CreatedDate"] is String)
            #expect(created["LastModifiedDate"] is String)
            #expect(created["DataStoreTriggerInfo"] is NSNull)
            let recurrence = try #require(created["Recurrence"] as? [String: Any])
            #expect(recurrence["Frequency"] as? Int == 4)
            #expect(recurrence["Interval"] as? Int == 15)
            #expect(recurrence["TimeZone"] is NSNull)
            #expect(recurrence["Schedule"] is NSNull)
            let submission = try #require(created["PipelineSubmissionInfo"] as? [String: Any])
            #expect(submission["ExperimentName"] as? String == "exp-sched")
            #expect(submission["ScheduleId"] as? String == id)
            #expect(submission["RunType"] as? Int == 2, "RunType Schedule")
            let fetched = try await h.azure("GET", "/Schedules/\(id)")
            #expect(fetched.status == 200)
            #expect(fetched.json?["Etag"] as? String == created["Etag"] as? String)
        }
    }

    @Test func weekly_keepsTimeZoneHoursMinutesAndWeekDays() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.weekly)
            let recurrence = try #require(created["Recurrence"] as? [String: Any])
            #expect(recurrence["Frequency"] as? Int == 1)
            #expect(recurrence["StartTime"] as? String == "2026-11-25T02:00:00")
            #expect(recurrence["TimeZone"] as? String == "W. Europe Standard Time")
            let pattern = try #require(recurrence["Schedule"] as? [String: Any])
            #expect(pattern["Hours"] as? [Int] == [2, 14])
            #expect(pattern["Minutes"] as? [Int] == [0, 30])
            #expect(pattern["WeekDays"] as? [Int] == [0, 4], "Monday=0, Friday=4 in the SDK's numbering")
            let submission = try #require(created["PipelineSubmissionInfo"] as? [String: Any])
            #expect(submission["Description"] as? String == "weekly run")
            #expect(submission["ParameterAssignments"] as? [String: String] == ["input_string": "0.2"])
        }
    }

    @Test func daily_withTimeOfDay_hasNoWeekDays() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.daily)
            let recurrence = try #require(created["Recurrence"] as? [String: Any])
            #expect(recurrence["Frequency"] as? Int == 2)
            #expect(recurrence["TimeZone"] as? String == "UTC")
            let pattern = try #require(recurrence["Schedule"] as? [String: Any])
            #expect(pattern["Hours"] as? [Int] == [6])
            #expect(pattern["WeekDays"] is NSNull)
        }
    }

    @Test func dataStore_withEveryOption_andWithDefaults() async throws {
        try await withEmulator { h in
            let full = try await h.createSchedule(ScheduleBodies.dataStore)
            #expect(full["ScheduleType"] as? Int == 1)
            #expect(full["Recurrence"] is NSNull)
            let trigger = try #require(full["DataStoreTriggerInfo"] as? [String: Any])
            #expect(trigger["DataStoreName"] as? String == "workspaceblobstore")
            #expect(trigger["PollingInterval"] as? Int == 10)
            #expect(trigger["DataPathParameterName"] as? String == "input_datapath")
            #expect(trigger["PathOnDataStore"] as? String == "incoming/data")
            #expect((full["PipelineSubmissionInfo"] as? [String: Any])?["ContinueRunOnStepFailure"] as? Bool == true)

            let defaults = try await h.createSchedule(ScheduleBodies.dataStoreDefaults)
            let defaultTrigger = try #require(defaults["DataStoreTriggerInfo"] as? [String: Any])
            #expect(defaultTrigger["PollingInterval"] as? Int == 5)
            #expect(defaultTrigger["DataPathParameterName"] is NSNull)
            #expect(defaultTrigger["PathOnDataStore"] is NSNull)
            let noInterval = try await h.createSchedule(
                ScheduleBodies.dataStoreDefaults.replacingOccurrences(of: #","PollingInterval":5"#, with: ""))
            #expect((noInterval["DataStoreTriggerInfo"] as? [String: Any])?["PollingInterval"] as? Int == 5)
        }
    }

    @Test func forPipelineEndpoint_namesOnlyTheEndpoint() async throws {
        try await withEmulator { h in
            let created = try await h.createSchedule(ScheduleBodies.endpointMinute)
            #expect(created["PipelineEndpointId"] as? String == ScheduleBodies.endpoint)
            #expect(created["PipelineId"] is NSNull)
        }
    }

    @Test func enumsAsNames_whenTheEmulatorIsConfiguredSo() async throws {
        try await withEmulator(EmulatorConfiguration(enumsAsIntegers: false)) { h in
            let created = try await h.createSchedule(ScheduleBodies.weekly)
            #expect(created["ScheduleType"] as? String == "Recurrence")
            #expect(created["ProvisioningStatus"] as? String == "Completed")
            let recurrence = try #require(created["Recurrence"] as? [String: Any])
            #expect(recurrence["Frequency"] as? String == "Week")
            #expect((recurrence["Schedule"] as? [String: Any])?["WeekDays"] as? [String] == ["Monday", "Friday"])
        }
    }

    /// Each refusal: (what is wrong, body, status, Error.Code).
    static let refusals: [(String, String, Int, String)] = [
        ("not JSON", "nope", 400, "InvalidSchedule"),
        ("no name", ScheduleBodies.minute(replacing: #""Name":"every15","#, with: ""), 400, "InvalidSchedule"),
        ("neither target", ScheduleBodies.minute(replacing: #""PipelineId":"\#(pipeline)","#, with: ""), 400, "InvalidSchedule"),
        ("both targets", ScheduleBodies.minute(replacing: #""Name":"every15","#, with: #""Name":"x","PipelineEndpointId":"\#(ScheduleBodies.endpoint)","#), 400, "InvalidSchedule"),
        ("unknown pipeline", ScheduleBodies.minute(replacing: pipeline, with: "missing"), 404, "PipelineNotFound"),
        ("unknown endpoint", ScheduleBodies.endpointMinute.replacingOccurrences(of: ScheduleBodies.endpoint, with: "missing"), 404, "PipelineEndpointNotFound"),
        ("no submission info", ScheduleBodies.minute(replacing: ScheduleBodies.submission + ",", with: ""), 400, "InvalidSchedule"),
        ("no experiment", ScheduleBodies.minute(replacing: #""ExperimentName":"exp-sched","#, with: ""), 400, "MissingExperimentName"),
        ("bad experiment", ScheduleBodies.minute(replacing: "exp-sched", with: "bad name"), 400, "InvalidExperimentName"),
        ("no schedule type", ScheduleBodies.minute(replacing: #","ScheduleType":"0""#, with: ""), 400, "InvalidScheduleType"),
        ("unknown schedule type", ScheduleBodies.minute(replacing: #""ScheduleType":"0""#, with: #""ScheduleType":"7""#), 400, "InvalidScheduleType"),
        ("type 0 without recurrence", ScheduleBodies.minute(replacing: #""Recurrence":{"Frequency":"Minute","Interval":15},"#, with: ""), 400, "InvalidRecurrence"),
        ("unknown frequency", ScheduleBodies.minute(replacing: #""Minute""#, with: #""Fortnight""#), 400, "InvalidRecurrence"),
        ("frequency code 5", ScheduleBodies.minute(replacing: #""Minute""#, with: "5"), 400, "InvalidRecurrence"),
        ("interval 0", ScheduleBodies.minute(replacing: #""Interval":15"#, with: #""Interval":0"#), 400, "InvalidRecurrence"),
        ("fractional interval", ScheduleBodies.minute(replacing: #""Interval":15"#, with: #""Interval":1.5"#), 400, "InvalidRecurrence"),
        ("IANA time zone", ScheduleBodies.minute(replacing: #""Interval":15"#, with: #""Interval":15,"TimeZone":"Etc/UTC""#), 400, "InvalidTimeZone"),
        ("empty time zone", ScheduleBodies.minute(replacing: #""Interval":15"#, with: #""Interval":15,"TimeZone":"""#), 400, "InvalidTimeZone"),
        ("bad start time", ScheduleBodies.minute(replacing: #""Interval":15"#, with: #""Interval":15,"StartTime":"2026-02-30T02:00:00""#), 400, "InvalidRecurrence"),
        ("hours on Minute", ScheduleBodies.minute(replacing: #""Interval":15"#, with: #""Interval":15,"Schedule":{"Hours":[2]}"#), 400, "InvalidRecurrence"),
        ("week days on Day", ScheduleBodies.daily.replacingOccurrences(of: #""Minutes":[30]"#, with: #""Minutes":[30],"WeekDays":["Monday"]"#), 400, "InvalidRecurrence"),
        ("hour 24", ScheduleBodies.daily.replacingOccurrences(of: #""Hours":[6]"#, with: #""Hours":[24]"#), 400, "InvalidRecurrence"),
        ("unknown week day", ScheduleBodies.weekly.replacingOccurrences(of: #""Friday""#, with: #""Caturday""#), 400, "InvalidRecurrence"),
        ("both triggers", ScheduleBodies.minute(replacing: #""ScheduleType":"0""#, with: #""ScheduleType":"0","DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore"}"#), 400, "InvalidScheduleType"),
        ("type 1 without trigger", ScheduleBodies.dataStoreDefaults.replacingOccurrences(of: #","DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":5}"#, with: ""), 400, "InvalidDataStoreTrigger"),
        ("no datastore name", ScheduleBodies.dataStoreDefaults.replacingOccurrences(of: #""DataStoreName":"workspaceblobstore","#, with: ""), 400, "InvalidDataStoreTrigger"),
        ("unknown datastore", ScheduleBodies.dataStoreDefaults.replacingOccurrences(of: #""workspaceblobstore""#, with: #""otherstore""#), 404, "DataStoreNotFound"),
        ("polling interval 0", ScheduleBodies.dataStoreDefaults.replacingOccurrences(of: #""PollingInterval":5"#, with: #""PollingInterval":0"#), 400, "InvalidDataStoreTrigger"),
    ]

    @Test(arguments: refusals.indices)
    func refusal(_ index: Int) async throws {
        let (what, body, status, code) = Self.refusals[index]
        try await withEmulator { h in
            let response = try await h.azure("POST", "/Schedules/Create", body: body)
            #expect(response.status == status, "\(what): \(response.bodyText)")
            #expect(response.errorCode == code, "\(what)")
            #expect(response.errorMessage?.isEmpty == false, "\(what)")
            #expect(try await h.azure("GET", "/Schedules?activeOnly=false").jsonArray?.count == 0, "\(what): nothing was created")
        }
    }

    @Test func enumsAndIntervalInEveryForm_areAccepted() async throws {
        try await withEmulator { h in
            for (type, frequency, interval) in [("0", "4", "\"15\""), ("\"Recurrence\"", "\"minute\"", "15.0"), ("0", "\"Minute\"", "15")] {
                let body = ScheduleBodies.minute(replacing: #""ScheduleType":"0""#, with: #""ScheduleType":\#(type)"#)
                    .replacingOccurrences(of: #""Frequency":"Minute","Interval":15"#, with: #""Frequency":\#(frequency),"Interval":\#(interval)"#)
                let created = try await h.createSchedule(body)
                let recurrence = try #require(created["Recurrence"] as? [String: Any])
                #expect(recurrence["Frequency"] as? Int == 4)
                #expect(recurrence["Interval"] as? Int == 15)
            }
        }
    }
}
