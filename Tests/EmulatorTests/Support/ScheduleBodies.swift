import Emulator
import Foundation
import TestSupport

/// `ScheduleCreationInfo` bodies as SDK 1.62 sends them (observed sheet §5, `Properties` left out),
/// over the seeded demo pipeline and endpoint, and a helper that creates one.
enum ScheduleBodies {
    static let pipeline = AzureMLEmulator.demoPipelineID
    static let endpoint = AzureMLEmulator.demoPipelineEndpointID

    static let submission = #""PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}}"#

    /// `recurrence=ScheduleRecurrence(frequency="Minute", interval=15)`.
    static let minute = #"{"Name":"every15","PipelineId":"\#(pipeline)",\#(submission),"Recurrence":{"Frequency":"Minute","Interval":15},"ScheduleType":"0"}"#

    /// `Week` with a start time, a Windows time zone, hours, minutes, week days and a description.
    static let weekly = #"""
        {"Name":"weekly","PipelineId":"\#(pipeline)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","Description":"weekly run","ParameterAssignments":{"input_string":"0.2"},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}},"Recurrence":{"Frequency":"Week","Interval":1,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time","Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":["Monday","Friday"]}},"ScheduleType":"0"}
        """#

    /// `Day` with `time_of_day="06:30"` and no time zone: the SDK fills in `"UTC"`.
    static let daily = #"{"Name":"daily","PipelineId":"\#(pipeline)",\#(submission),"Recurrence":{"Frequency":"Day","Interval":1,"StartTime":"2026-11-25T06:30:00","TimeZone":"UTC","Schedule":{"Hours":[6],"Minutes":[30]}},"ScheduleType":"0"}"#

    /// A datastore schedule with every option.
    static let dataStore = #"""
        {"Name":"onblob","PipelineId":"\#(pipeline)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{},"ContinueRunOnStepFailure":true},"ScheduleType":"1","DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":10,"DataPathParameterName":"input_datapath","PathOnDataStore":"incoming/data"}}
        """#

    /// A datastore schedule with the SDK's defaults.
    static let dataStoreDefaults = #"{"Name":"onblob-defaults","PipelineId":"\#(pipeline)",\#(submission),"ScheduleType":"1","DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":5}}"#

    /// `Schedule.create_for_pipeline_endpoint`: `PipelineEndpointId` and no `PipelineId` key.
    static let endpointMinute = #"{"Name":"on-endpoint","PipelineEndpointId":"\#(endpoint)",\#(submission),"Recurrence":{"Frequency":"Minute","Interval":15},"ScheduleType":"0"}"#

    /// The minute body with `replacement` swapped in for `original` (for one-field variations).
    static func minute(replacing original: String, with replacement: String) -> String {
        minute.replacingOccurrences(of: original, with: replacement)
    }
}

extension EmulatorHarness {
    /// `POST {WS}/Schedules/Create` with `body`, as the SDK sends it; the created entity.
    func createSchedule(_ body: String) async throws -> [String: Any] {
        let response = try await azure("POST", "/Schedules/Create", body: body, contentType: "application/json-patch+json; charset=utf-8")
        guard response.status == 200, let json = response.json else {
            throw HarnessError.unexpected("Schedules/Create answered \(response.status): \(response.bodyText)")
        }
        return json
    }

    /// `PUT {WS}/Schedules/{id}` with `entity` serialised.
    func putSchedule(_ id: String, _ entity: [String: Any]) async throws -> RawHTTPResponse {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: entity), as: UTF8.self)
        return try await azure("PUT", "/Schedules/\(id)", body: body, contentType: "application/json-patch+json; charset=utf-8")
    }
}
