import AzureML
import Emulator
import Foundation
import Testing
import TestSupport

/// SDK v1 schedules in the gateway's built-in emulator, as the SDK would have left them in Azure, for
/// the import tests: created on Azure's path with an emulator-issued token, read and changed there.
extension GatewayHarness {
    /// A call on the emulated pipelines service (not the gateway's facade) with a fresh token, as the SDK makes it.
    func azure(_ method: String, _ path: String, body: String? = nil) async throws -> RawHTTPResponse {
        var headers = ["Authorization": "Bearer \(try await emulatorToken())"]
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
        Self.entityStatusName(try await azure("GET", "/Schedules/\(id)").json?["EntityStatus"])
    }

    /// An `EntityStatus` in any wire form (int, digit string, name) as its name, read by the client's own enum.
    static func entityStatusName(_ value: Any?) -> String {
        switch value {
        case let code as Int: EntityStatus(wireCode: code).name
        case let text as String: EntityStatus(wireText: text).name
        default: "?"
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

    static let weekly = FacadeFixture.weeklyCreate
    static let dataStore = FacadeFixture.datastoreCreate
    static let endpointMinute = #"{"Name":"on-endpoint","PipelineEndpointId":"\#(endpoint)",\#(submission),"Recurrence":{"Frequency":"Minute","Interval":15},"ScheduleType":"0"}"#
    /// Dataset inputs have no gateway form: the import refuses it and stores nothing.
    static let withDataset = #"{"Name":"with-dataset","PipelineId":"\#(pipeline)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{"ds":{"DataSetReference":{"Id":"d-1"}}}},"Recurrence":{"Frequency":"Day","Interval":1},"ScheduleType":"0"}"#

    /// Every `interval` minutes from `start` (UTC wall-clock text).
    static func minutes(_ name: String, every interval: Int, from start: String) -> String {
        #"{"Name":"\#(name)","PipelineId":"\#(pipeline)",\#(submission),"Recurrence":{"Frequency":"Minute","Interval":\#(interval),"StartTime":"\#(start)","TimeZone":"UTC"},"ScheduleType":"0"}"#
    }
}
