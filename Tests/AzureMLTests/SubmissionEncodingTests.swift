import AzureML
import Foundation
import Testing

@Suite("PipelineSubmissionInfo encoding")
struct SubmissionEncodingTests {
    static func jsonObject(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func everyField_usesTheSDKCasing_withLowercaseTags() throws {
        let submission = PipelineSubmissionInfo(
            experimentName: "exp-submit",
            description: "exp-submit",
            runSource: "SDK",
            runType: .sdk,
            parameterAssignments: ["lr": "0.5", "flag": "True"],
            dataPathAssignments: ["input_datapath": LegacyDataPath(dataStoreName: "workspaceblobstore", relativePath: "incoming/b.csv")],
            dataSetDefinitionValueAssignments: .object([:]),
            scheduleID: "s-1",
            continueRunOnStepFailure: true,
            enableNotification: false,
            tags: ["gateway_run_id": "g-1"],
            properties: ["azureml.git.branch": "main"]
        )
        let object = try Self.jsonObject(submission)
        #expect(
            Set(object.keys) == [
                "ExperimentName", "Description", "RunSource", "RunType", "ParameterAssignments", "DataPathAssignments",
                "DataSetDefinitionValueAssignments", "ScheduleId", "ContinueRunOnStepFailure", "EnableNotification",
                "tags", "Properties",
            ]
        )
        #expect(object["RunType"] as? String == "SDK")
        #expect(object["ContinueRunOnStepFailure"] as? Bool == true)
        #expect((object["tags"] as? [String: String]) == ["gateway_run_id": "g-1"])
        let path = try #require((object["DataPathAssignments"] as? [String: Any])?["input_datapath"] as? [String: String])
        #expect(path == ["DataStoreName": "workspaceblobstore", "RelativePath": "incoming/b.csv"])
    }

    @Test func absentFields_areLeftOut() throws {
        let submission = PipelineSubmissionInfo(experimentName: "exp", parameterAssignments: ["a": "1"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(submission), as: UTF8.self)
        #expect(text == #"{"ExperimentName":"exp","ParameterAssignments":{"a":"1"}}"#)
    }

    @Test func decodingAcceptsNumbersInParameterAssignments_andRoundTrips() throws {
        let json = #"{"ExperimentName":"e","ParameterAssignments":{"batch":50,"lr":0.5},"tags":{"t":"v"},"RunType":1}"#
        let submission = try JSONDecoder().decode(PipelineSubmissionInfo.self, from: Data(json.utf8))
        #expect(submission.parameterAssignments == ["batch": "50", "lr": "0.5"])
        #expect(submission.runType == .sdk)
        let again = try JSONDecoder().decode(PipelineSubmissionInfo.self, from: JSONEncoder().encode(submission))
        #expect(again == submission)
    }
}
