import AzureML
import Foundation
import Testing
@testable import Gateway

/// The v1 → gateway mapping that import and the SDK facade share: each SDK variant of observed sheet §5
/// becomes the create body that means the same, and what has no gateway form is refused with reasons.
struct V1ScheduleConversionTests {
    static func entity(_ json: String) throws -> PipelineScheduleEntity {
        try JSONDecoder().decode(PipelineScheduleEntity.self, from: Data(json.utf8))
    }

    static func body(_ json: String) throws -> String {
        let converted = try V1ScheduleConversion.convert(entity(json)).get()
        return String(decoding: converted.body.bytes, as: UTF8.self)
    }

    @Test func minuteRecurrence_fromTheSDKCreateBody() throws {
        let text = try Self.body("""
            {"Name":"every15","PipelineId":"p-1","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},
             "DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}},"Recurrence":{"Frequency":"Minute","Interval":15},"ScheduleType":"0"}
            """)
        #expect(text == #"{"data_path_assignments":{},"experiment_name":"exp-sched","name":"every15","pipeline_id":"p-1","pipeline_parameters":{},"recurrence":{"frequency":"Minute","interval":15}}"#)
    }

    @Test func weeklyRecurrence_fromAnIntEmittingServer_keepsItsWindowsZoneAndDays() throws {
        let converted = try V1ScheduleConversion.convert(Self.entity("""
            {"Id":"s-1","Name":"weekly","PipelineId":"p-1","ScheduleType":0,"ProvisioningStatus":0,"EntityStatus":2,
             "PipelineSubmissionInfo":{"ExperimentName":"exp","Description":"weekly run","RunType":2,"ParameterAssignments":{"lr":"0.2"},
              "DataPathAssignments":{"input_datapath":{"DataStoreName":"workspaceblobstore","RelativePath":"in/a.csv"}},
              "ContinueRunOnStepFailure":true},
             "Recurrence":{"Frequency":1,"Interval":2,"StartTime":"2026-11-25T02:00:00.0000000","TimeZone":"W. Europe Standard Time",
              "Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":[0,4]}}}
            """)).get()
        #expect(converted.name == "weekly")
        #expect(converted.status == "Disabled")
        let body = converted.body
        #expect(body.description == "weekly run")
        #expect(body.pipelineParameters == ["lr": "0.2"])
        #expect(body.dataPathAssignments == ["input_datapath": .init(dataStoreName: "workspaceblobstore", relativePath: "in/a.csv")])
        #expect(body.continueOnStepFailure == true)
        #expect(body.recurrence == .init(
            frequency: "Week", interval: 2, startTime: "2026-11-25T02:00:00", timeZone: "W. Europe Standard Time",
            hours: [2, 14], minutes: [0, 30], weekDays: ["Monday", "Friday"]))
    }

    @Test func datastoreSchedule_onAnEndpoint() throws {
        let text = try Self.body("""
            {"Name":"onblob","PipelineEndpointId":"e-1","ScheduleType":"1","PipelineSubmissionInfo":{"ExperimentName":"exp"},
             "DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":10,"DataPathParameterName":"input_datapath",
              "PathOnDataStore":"incoming/data"}}
            """)
        #expect(text == #"{"data_path_assignments":{},"data_path_parameter_name":"input_datapath","datastore":"workspaceblobstore","experiment_name":"exp","name":"onblob","path_on_datastore":"incoming/data","pipeline_endpoint_id":"e-1","pipeline_parameters":{},"polling_interval":10}"#)
    }

    @Test(arguments: [
        (#"{"PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":1},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "Name is missing."),
        (#"{"Name":"n","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":1},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "Neither PipelineId nor PipelineEndpointId is set."),
        (#"{"Name":"n","PipelineId":"p","PipelineEndpointId":"e","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":1},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "Both PipelineId and PipelineEndpointId are set; a schedule runs one of them."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":1}}"#,
         "PipelineSubmissionInfo.ExperimentName is missing."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "ScheduleType is Recurrence but Recurrence is missing."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":1,"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "ScheduleType is DataStore but DataStoreTriggerInfo.DataStoreName is missing."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":"weekly","PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "ScheduleType 'weekly' is neither Recurrence (0) nor DataStore (1)."),
        (#"{"Name":"n","PipelineId":"p","PipelineSubmissionInfo":{"ExperimentName":"e"}}"#, "ScheduleType is missing."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":9,"Interval":1},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "Recurrence.Frequency '9' is not one of Month, Week, Day, Hour, Minute."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":1,"Interval":1,"Schedule":{"WeekDays":["Funday"]}},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "Recurrence.Schedule.WeekDays has 'Funday', which is not a day from Monday to Sunday."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":2,"Interval":1,"StartTime":"2026-11-25T02:00:00+02:00"},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#,
         "Recurrence.StartTime '2026-11-25T02:00:00+02:00' is not a local time like 2026-11-25T02:00:00."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":1},"PipelineSubmissionInfo":{"ExperimentName":"e","DataSetDefinitionValueAssignments":{"ds":{"DataSetReference":{"Id":"x"}}}}}"#,
         "PipelineSubmissionInfo.DataSetDefinitionValueAssignments is set; the gateway does not pass dataset parameters."),
        (#"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":1},"PipelineSubmissionInfo":{"ExperimentName":"e","DataPathAssignments":{"in":{"RelativePath":"a"}}}}"#,
         "PipelineSubmissionInfo.DataPathAssignments.in needs DataStoreName and RelativePath."),
    ])
    func unconvertible_namesTheField(json: String, reason: String) throws {
        let result = V1ScheduleConversion.convert(try Self.entity(json))
        #expect(throws: V1ScheduleConversion.Refusal(reasons: [reason])) { try result.get() }
    }

    @Test func everyReasonIsReported_notOnlyTheFirst() throws {
        let result = V1ScheduleConversion.convert(try Self.entity(#"{"ScheduleType":7}"#))
        guard case .failure(let refusal) = result else {
            Issue.record("converted an empty schedule")
            return
        }
        #expect(refusal.reasons.count == 4)
    }

    /// An imported recurrence without StartTime keeps Azure's phase (its creation), in its own zone.
    @Test(arguments: [(nil as String?, "2026-11-20T09:03:17"), ("W. Europe Standard Time", "2026-11-20T10:03:17")])
    func anchoringAtCreation_makesCreatedDateTheStartTime(zone: String?, expected: String) throws {
        let zoneField = zone.map { #","TimeZone":"\#($0)""# } ?? ""
        let entity = try Self.entity(
            #"{"Name":"n","PipelineId":"p","ScheduleType":0,"CreatedDate":"2026-11-20T09:03:17.1234567Z","Recurrence":{"Frequency":4,"Interval":15\#(zoneField)},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#)
        #expect(try V1ScheduleConversion.convert(entity, anchoringAtCreation: true).get().body.recurrence?.startTime == expected)
        #expect(try V1ScheduleConversion.convert(entity).get().body.recurrence?.startTime == nil, "the facade's creates keep no start_time")
    }

    @Test func anchoringAtCreation_withoutCreatedDate_isRefused() throws {
        let entity = try Self.entity(
            #"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":4,"Interval":15},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#)
        #expect(throws: V1ScheduleConversion.Refusal(
            reasons: ["Recurrence has no StartTime and CreatedDate is missing, so the times it fires at are unknown."])) {
            try V1ScheduleConversion.convert(entity, anchoringAtCreation: true).get()
        }
    }

    @Test(arguments: [("2026-11-25T02:00:00Z", "2026-11-25T02:00:00"), ("2026-11-25T02:00:00", "2026-11-25T02:00:00"),
                      ("2026-11-25T02:00:00.000+00:00", "2026-11-25T02:00:00")])
    func startTime_withAZeroOffsetOrFraction_isTheLocalTime(text: String, expected: String) throws {
        let body = try V1ScheduleConversion.convert(Self.entity(
            #"{"Name":"n","PipelineId":"p","ScheduleType":0,"Recurrence":{"Frequency":2,"Interval":1,"StartTime":"\#(text)","TimeZone":"UTC"},"PipelineSubmissionInfo":{"ExperimentName":"e"}}"#
        )).get().body
        #expect(body.recurrence?.startTime == expected)
    }
}
