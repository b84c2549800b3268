import Emulator
import Foundation
import Testing
import TestSupport

/// SDK v1 schedules in the gateway's built-in emulator, as the SDK would have left them in Azure, for
/// the import tests: created on Azure's path with an emulator-issued token, read and changed there.
extension GatewayHarness {
    static let workspacePath =
        "/pipelines/v1.0/subscriptions/\(AzureMLEmulator.subscriptionID)/resourceGroups/\(AzureMLEmulator.resourceGroup)"
        + "/providers/Microsoft.MachineLearningServices/workspaces/\(AzureMLEmulator.workspaceName)"

    /// A call on the emulated pipelines service with a fresh token, as the SDK makes it.
    func azure(_ method: String, _ path: String, body: String? = nil) async throws -> RawHTTPResponse {
        let token = try await request(
            "POST", "/\(AzureMLEmulator.tenantID)/oauth2/v2.0/token",
            body: "grant_type=client_credentials&client_id=sdk-user&client_secret=s3cret&scope=https%3A%2F%2Fmanagement.azure.com%2F.default",
            headers: ["Content-Type": "application/x-www-form-urlencoded"], toEmulator: true)
        let bearer = try #require(token.json?["access_token"] as? String, "no token: \(token.bodyText)")
        var headers = ["Authorization": "Bearer \(bearer)"]
        if body != nil { headers["Content-Type"] = "application/json-patch+json; charset=utf-8" }
        return try await request(method, Self.workspacePath + path, body: body, headers: headers, toEmulator: true)
    }

    /// `Schedules/Create` with an SDK body; the new Azure schedule's id.
    func createV1Schedule(_ body: String) async throws -> String {
        let response = try await azure("POST", "/Schedules/Create", body: body)
        #expect(response.status == 200, "Schedules/Create: \(response.bodyText)")
        return try #require(response.json?["Id"] as? String)
    }

    /// The Azure schedule's `EntityStatus` as the emulator sends it (int or name), normalised to the name.
    func v1ScheduleStatus(_ id: String) async throws -> String {
        let entity = try await azure("GET", "/Schedules/\(id)").json
        switch entity?["EntityStatus"] {
        case let code as Int: return ["Active", "Deprecated", "Disabled"][code]
        case let name as String: return name
        default: return "?"
        }
    }

    /// `POST /v1/imports` with `body`; the rows by Azure id when the answer is 200.
    func importSchedules(_ body: String, headers: [String: String] = [:]) async throws -> (response: RawHTTPResponse, rows: [String: [String: Any]]) {
        let response = try await post("/v1/imports", body, headers: headers)
        let items = response.json?["items"] as? [[String: Any]] ?? []
        var rows: [String: [String: Any]] = [:]
        for item in items { rows[item["azure_schedule_id"] as? String ?? ""] = item }
        return (response, rows)
    }

    /// Every gateway schedule, active or not.
    func gatewaySchedules() async throws -> [[String: Any]] {
        try await get("/v1/schedules?active_only=false&limit=100").json?["items"] as? [[String: Any]] ?? []
    }
}

/// SDK 1.62 `ScheduleCreationInfo` bodies over the emulator's demo pipeline and endpoint.
enum V1ScheduleBodies {
    static let pipeline = AzureMLEmulator.demoPipelineID
    static let endpoint = AzureMLEmulator.demoPipelineEndpointID
    static let submission = #""PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}}"#

    static let weekly = #"""
        {"Name":"weekly","PipelineId":"\#(pipeline)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","Description":"weekly run","ParameterAssignments":{"input_string":"0.2"},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}},"Recurrence":{"Frequency":"Week","Interval":1,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time","Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":["Monday","Friday"]}},"ScheduleType":"0"}
        """#
    static let dataStore = #"""
        {"Name":"onblob","PipelineId":"\#(pipeline)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{},"ContinueRunOnStepFailure":true},"ScheduleType":"1","DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":10,"DataPathParameterName":"input_datapath","PathOnDataStore":"incoming/data"}}
        """#
    static let endpointMinute = #"{"Name":"on-endpoint","PipelineEndpointId":"\#(endpoint)",\#(submission),"Recurrence":{"Frequency":"Minute","Interval":15},"ScheduleType":"0"}"#
    /// Dataset inputs have no gateway form: the import refuses it and stores nothing.
    static let withDataset = #"{"Name":"with-dataset","PipelineId":"\#(pipeline)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{"ds":{"DataSetReference":{"Id":"d-1"}}}},"Recurrence":{"Frequency":"Day","Interval":1},"ScheduleType":"0"}"#

    /// Every `interval` minutes from `start` (UTC wall-clock text).
    static func minutes(_ name: String, every interval: Int, from start: String) -> String {
        #"{"Name":"\#(name)","PipelineId":"\#(pipeline)",\#(submission),"Recurrence":{"Frequency":"Minute","Interval":\#(interval),"StartTime":"\#(start)","TimeZone":"UTC"},"ScheduleType":"0"}"#
    }
}
