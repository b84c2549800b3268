import Foundation
import Testing
import TestSupport

/// The SDK facade's paths on the gateway and a caller with a token the built-in emulator issued
/// (the emulator accepts only its own tokens, as Azure accepts only Azure AD's).
extension GatewayHarness {
    static let workspacePath = "/pipelines/v1.0/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulated-rg/providers/"
        + "Microsoft.MachineLearningServices/workspaces/emulated-ws"

    /// A fresh token from the emulator's token endpoint.
    func emulatorToken() async throws -> String {
        let response = try await request(
            "POST", "/t/oauth2/v2.0/token", body: "grant_type=client_credentials&client_id=sdk&client_secret=s&scope=x%2F.default",
            headers: ["Content-Type": "application/x-www-form-urlencoded"], toEmulator: true)
        return try #require(response.json?["access_token"] as? String, "no token: \(response.bodyText)")
    }

    /// `method {WS}{suffix}` on the gateway with `Authorization: Bearer token`.
    func facade(_ method: String, _ suffix: String, body: String? = nil, token: String?) async throws -> RawHTTPResponse {
        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if body != nil { headers["Content-Type"] = "application/json-patch+json; charset=utf-8" }
        return try await request(method, Self.workspacePath + suffix, body: body, headers: headers)
    }

    /// The answer's body as a JSON array of objects (the facade's lists).
    static func array(_ response: RawHTTPResponse) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [[String: Any]] ?? []
    }
}

/// Bodies the facade tests send, as the SDK sends them (observed sheet §5).
enum FacadeFixture {
    static let pipelineID = TriggerFixture.demoPipelineID

    static func minuteCreate(name: String = "every15", interval: Int = 15) -> String {
        #"{"Name":"\#(name)","PipelineId":"\#(pipelineID)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}},"Recurrence":{"Frequency":"Minute","Interval":\#(interval)},"ScheduleType":"0"}"#
    }

    static let weeklyCreate = #"{"Name":"weekly","PipelineId":"\#(pipelineID)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","Description":"weekly run","ParameterAssignments":{"input_string":"0.2"},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{}},"Recurrence":{"Frequency":"Week","Interval":1,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time","Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":["Monday","Friday"]}},"ScheduleType":"0"}"#

    static let datastoreCreate = #"{"Name":"onblob","PipelineId":"\#(pipelineID)","PipelineSubmissionInfo":{"ExperimentName":"exp-sched","ParameterAssignments":{},"DataPathAssignments":{},"DataSetDefinitionValueAssignments":{},"ContinueRunOnStepFailure":true},"ScheduleType":"1","DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":10,"DataPathParameterName":"input_datapath","PathOnDataStore":"incoming/data"}}"#
}
