import Emulator
import Foundation
import Testing

/// `POST …/PipelineRuns/PipelineSubmit/{id}`: each validation rule, then what a valid submit records.
@Suite struct SubmitTests {
    struct Rule: Sendable, CustomTestStringConvertible {
        var name: String
        var pipeline: String
        var body: String
        var status: Int
        var code: String
        var testDescription: String { name }
    }

    static let typed = "typed-pipeline"
    static let demo = AzureMLEmulator.demoPipelineID

    static let rules: [Rule] = [
        .init(name: "unknown pipeline", pipeline: "missing", body: #"{"ExperimentName":"e"}"#, status: 404, code: "PipelineNotFound"),
        .init(name: "disabled pipeline", pipeline: "disabled-pipeline", body: #"{"ExperimentName":"e"}"#, status: 400, code: "PipelineNotActive"),
        .init(name: "body not JSON", pipeline: demo, body: "ExperimentName=e", status: 400, code: "InvalidRequestBody"),
        .init(name: "body an array", pipeline: demo, body: "[]", status: 400, code: "InvalidRequestBody"),
        .init(name: "empty body", pipeline: demo, body: "", status: 400, code: "MissingExperimentName"),
        .init(name: "no ExperimentName", pipeline: demo, body: #"{"RunSource":"SDK"}"#, status: 400, code: "MissingExperimentName"),
        .init(name: "ExperimentName with a space", pipeline: demo, body: #"{"ExperimentName":"bad name"}"#, status: 400, code: "InvalidExperimentName"),
        .init(name: "ExperimentName with a dot", pipeline: demo, body: #"{"ExperimentName":"a.b"}"#, status: 400, code: "InvalidExperimentName"),
        .init(name: "ExperimentName starting with _", pipeline: demo, body: #"{"ExperimentName":"_x"}"#, status: 400, code: "InvalidExperimentName"),
        .init(name: "ExperimentName of 256 chars", pipeline: demo, body: "{\"ExperimentName\":\"\(String(repeating: "a", count: 256))\"}",
              status: 400, code: "InvalidExperimentName"),
        .init(name: "ExperimentName a number", pipeline: demo, body: #"{"ExperimentName":5}"#, status: 400, code: "InvalidExperimentName"),
        .init(name: "unknown parameter", pipeline: demo, body: #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.1"}}"#,
              status: 400, code: "UnknownParameter"),
        .init(name: "DataPath parameter in ParameterAssignments", pipeline: demo,
              body: #"{"ExperimentName":"e","ParameterAssignments":{"input_datapath":"x"}}"#, status: 400, code: "UnknownParameter"),
        .init(name: "parameter value an object", pipeline: demo,
              body: #"{"ExperimentName":"e","ParameterAssignments":{"input_string":{"a":1}}}"#, status: 400, code: "InvalidParameterValue"),
        .init(name: "DataPath without RelativePath", pipeline: demo,
              body: #"{"ExperimentName":"e","DataPathAssignments":{"input_datapath":{"DataStoreName":"workspaceblobstore"}}}"#,
              status: 400, code: "InvalidDataPathAssignment"),
        .init(name: "DataPath without DataStoreName", pipeline: demo,
              body: #"{"ExperimentName":"e","DataPathAssignments":{"input_datapath":{"RelativePath":"a.csv"}}}"#,
              status: 400, code: "InvalidDataPathAssignment"),
        .init(name: "DataPath a string", pipeline: demo,
              body: #"{"ExperimentName":"e","DataPathAssignments":{"input_datapath":"workspaceblobstore/a.csv"}}"#,
              status: 400, code: "InvalidDataPathAssignment"),
        .init(name: "unknown DataPath parameter", pipeline: demo,
              body: #"{"ExperimentName":"e","DataPathAssignments":{"other":{"DataStoreName":"d","RelativePath":"p"}}}"#,
              status: 400, code: "UnknownDataPathParameter"),
        .init(name: "RunType unknown", pipeline: demo, body: #"{"ExperimentName":"e","RunType":"Cron"}"#, status: 400, code: "InvalidRunType"),
        .init(name: "Int parameter not an integer", pipeline: typed, body: #"{"ExperimentName":"e","ParameterAssignments":{"epochs":"many"}}"#,
              status: 400, code: "InvalidParameterValue"),
        .init(name: "Int parameter below min", pipeline: typed, body: #"{"ExperimentName":"e","ParameterAssignments":{"epochs":0}}"#,
              status: 400, code: "InvalidParameterValue"),
        .init(name: "enum parameter outside its values", pipeline: typed,
              body: #"{"ExperimentName":"e","ParameterAssignments":{"mode":"slow"}}"#, status: 400, code: "InvalidParameterValue"),
        .init(name: "required parameter missing", pipeline: typed, body: #"{"ExperimentName":"e"}"#, status: 400, code: "MissingRequiredParameter"),
    ]

    /// Publishes the pipelines the table refers to besides the demo.
    static func publishFixtures(_ h: EmulatorHarness) async throws {
        let disabled = try await h.admin("POST", "/pipelines", body: #"{"id":"disabled-pipeline","name":"off","status":"Disabled"}"#)
        #expect(disabled.status == 201)
        let typed = try await h.admin("POST", "/pipelines", body: """
            {"id":"typed-pipeline","name":"typed","parameters":{
              "epochs":{"type":"Int","default":3,"min":1,"max":100},
              "mode":{"default":"fast","enum":["fast","full"]},
              "owner":null}}
            """)
        #expect(typed.status == 201)
    }

    @Test(arguments: rules)
    func validationRule_statusAndCode(_ rule: Rule) async throws {
        try await withEmulator { h in
            try await Self.publishFixtures(h)
            let response = try await h.submit(rule.body, pipelineID: rule.pipeline)
            #expect(response.status == rule.status, "\(response.bodyText)")
            #expect(response.errorCode == rule.code, "\(response.bodyText)")
            #expect(response.errorMessage?.isEmpty == false)
            let runs = try await h.azure("GET", "/PipelineRuns/Pipeline/\(Self.demo)")
            #expect(runs.jsonArray?.count == 0, "a refused submit records no run")
        }
    }

    @Test func validSubmit_bindsKeysIgnoringCase_andStringifiesScalars() async throws {
        try await withEmulator { h in
            try await Self.publishFixtures(h)
            let response = try await h.submit("""
                {"experimentname":"Exp_1-a","parameterASSIGNMENTS":{"epochs":7,"mode":"full","owner":true},
                 "Tags":{"source":"test"},"RunSource":"SDK","RunType":"1","ContinueRunOnStepFailure":true}
                """, pipelineID: Self.typed)
            #expect(response.status == 200, "\(response.bodyText)")
            let json = try #require(response.json)
            #expect(json["RunHistoryExperimentName"] as? String == "Exp_1-a")
            #expect(json["PipelineId"] as? String == Self.typed)
            #expect(json["ParameterAssignments"] as? [String: String] == ["epochs": "7", "mode": "full", "owner": "True"])
            #expect(json["tags"] as? [String: String] == ["source": "test"])
            #expect(json["Tags"] == nil)
            #expect(json["RunSource"] as? String == "SDK")
            #expect(json["RunType"] as? Int == 1)
            #expect(json["IsSubmitted"] as? Bool == true)
            let id = try #require(json["Id"] as? String)
            #expect(UUID(uuidString: id) != nil)
            let createdBy = try #require(json["CreatedBy"] as? [String: Any])
            #expect(createdBy["UserName"] as? String == "gateway-client")
        }
    }

    @Test func dataPaths_fromBothAssignmentForms() async throws {
        try await withEmulator { h in
            let direct = try await h.submit("""
                {"ExperimentName":"e","DataPathAssignments":{"input_datapath":{"DataStoreName":"workspaceblobstore","RelativePath":"incoming/a.csv"}}}
                """)
            #expect(direct.status == 200)
            let paths = direct.json?["DataPathAssignments"] as? [String: [String: String]]
            #expect(paths?["input_datapath"] == ["DataStoreName": "workspaceblobstore", "RelativePath": "incoming/a.csv"])
            let literal = try await h.submit("""
                {"ExperimentName":"e","DataSetDefinitionValueAssignments":{"input_datapath":{"LiteralValue":{"DataStoreName":"s","RelativePath":"p"}}}}
                """)
            #expect(literal.status == 200)
            #expect((literal.json?["DataPathAssignments"] as? [String: [String: String]])?["input_datapath"]?["RelativePath"] == "p")
        }
    }

    @Test func minimalBody_defaultsLikeTheService() async throws {
        try await withEmulator { h in
            let json = try #require(try await h.submit(#"{"ExperimentName":"minimal"}"#).json)
            #expect(json["RunSource"] as? String == "Unavailable")
            #expect(json["RunType"] as? Int == 0)
            #expect(json["ParameterAssignments"] as? [String: String] == [:])
            #expect(json["ScheduleId"] is NSNull)
            #expect(json["TotalRunSteps"] as? Int == 1)
        }
    }
}
