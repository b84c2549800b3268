import AzureML
import Foundation
import Testing

@Suite("Wire model decoding")
struct WireModelDecodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// The real 2019 response from the reference (§3.3), ids unabbreviated to plausible GUIDs.
    static let captured2019Run = """
        {"Description":"dangbatchtest_sched",
         "Status":{"StatusCode":1,"StatusDetail":null,"CreationTime":"2019-10-22T15:29:26.2249236+00:00","EndTime":null},
         "GraphId":"cebd3437-0000-0000-0000-000000000000","IsSubmitted":true,"HasErrors":false,"HasWarnings":false,"UploadState":1,
         "ParameterAssignments":{},"DataSetDefinitionValueAssignment":null,
         "RunHistoryExperimentName":"exp_191018132824","PipelineId":"b4895c69-0000-0000-0000-000000000000",
         "RunSource":"Unavailable","RunType":2,"TotalRunSteps":15,"ScheduleId":"c5cf7f9a-0000-0000-0000-000000000000",
         "tags":{},"Properties":{},"CreatedBy":null,"EntityStatus":0,
         "Id":"36e23636-0000-0000-0000-000000000000","Etag":"\\"ca00aa19-0000-0100-0000-5daf20580000\\"",
         "CreatedDate":"1970-01-01T00:00:00","LastModifiedDate":"1970-01-01T00:00:00"}
        """

    @Test func capturedRunResponse_decodesEveryField() throws {
        let run = try Self.decode(PipelineRunEntity.self, Self.captured2019Run)
        #expect(run.id == "36e23636-0000-0000-0000-000000000000")
        #expect(run.status?.statusCode == .running)
        #expect(run.status?.statusDetail == nil)
        #expect(run.status?.creationTime?.date.timeIntervalSince1970 ?? 0 > 1_571_758_166)
        #expect(run.status?.endTime == nil)
        #expect(run.uploadState == .completed)
        #expect(run.runType == .schedule)
        #expect(run.totalRunSteps == 15)
        #expect(run.entityStatus == .active)
        #expect(run.isSubmitted == true)
        #expect(run.hasErrors == false)
        #expect(run.runHistoryExperimentName == "exp_191018132824")
        #expect(run.pipelineID == "b4895c69-0000-0000-0000-000000000000")
        #expect(run.scheduleID == "c5cf7f9a-0000-0000-0000-000000000000")
        #expect(run.runSource == "Unavailable")
        #expect(run.tags == [:])
        #expect(run.etag == "\"ca00aa19-0000-0100-0000-5daf20580000\"")
        #expect(run.createdDate?.isUnsetSentinel == true)
    }

    @Test func capturedRunResponse_mapsToTheGatewayRun() throws {
        let entity = try Self.decode(PipelineRunEntity.self, Self.captured2019Run)
        let run = try #require(PipelineRun(entity))
        #expect(run.status == "Running")
        #expect(run.experimentName == "exp_191018132824")
        #expect(run.createdAt != nil, "Status.CreationTime is the real creation time")
        #expect(run.endedAt == nil)
        #expect(!run.isTerminal)
    }

    @Test func emptyObjects_decodeWithEverythingAbsent() throws {
        let pipeline = try Self.decode(PipelineEntity.self, "{}")
        #expect(pipeline == PipelineEntity())
        let run = try Self.decode(PipelineRunEntity.self, "{}")
        #expect(run == PipelineRunEntity())
        let interface = try Self.decode(EntityInterface.self, "{}")
        #expect(interface.parameters == nil)
        let submission = try Self.decode(PipelineSubmissionInfo.self, "{}")
        #expect(submission == PipelineSubmissionInfo())
    }

    @Test func nullsAndExtraKeys_areTolerated() throws {
        let json = """
            {"Id":"p-1","Name":null,"EntityStatus":null,"TotalRunSteps":null,"Brand":"new","Nested":{"x":[1,2]},
             "CreatedBy":{"UserName":"me"},"Url":null,"ContinueRunOnStepFailure":null}
            """
        let pipeline = try Self.decode(PipelineEntity.self, json)
        #expect(pipeline.id == "p-1")
        #expect(pipeline.name == nil)
        #expect(pipeline.entityStatus == nil)
        #expect(pipeline.totalRunSteps == nil)
    }

    @Test func pipelineEntity_withStringsWhereIntsAndEnumsWereExpected() throws {
        let json = """
            {"Id":"p-1","Name":"MyRestPipeline","Description":"d","Version":null,"GraphId":"g-1","TotalRunSteps":"2",
             "ParameterAssignments":{"input_string":"hello","batch":50,"flag":true,"gone":null},
             "DataSetDefinitionValueAssignments":{"ds":{"SavedDataSetReference":{"Id":"abc"}}},
             "Url":"https://eastus.api.azureml.ms/pipelines/v1.0/x/PipelineRuns/PipelineSubmit/p-1",
             "Etag":"\\"e\\"","CreatedDate":"2026-11-24T10:00:00Z","LastModifiedDate":"2026-11-24T10:00:00.1234567+00:00",
             "EntityStatus":"Disabled","ContinueRunOnStepFailure":"True","Properties":{"k":"v","n":1},"EnableNotification":false}
            """
        let pipeline = try Self.decode(PipelineEntity.self, json)
        #expect(pipeline.totalRunSteps == 2)
        #expect(pipeline.parameterAssignments == ["input_string": "hello", "batch": "50", "flag": "true"])
        #expect(pipeline.entityStatus == .disabled)
        #expect(pipeline.continueRunOnStepFailure == true)
        #expect(pipeline.enableNotification == false)
        #expect(pipeline.properties?["n"] == .number(1))
        #expect(pipeline.dataSetDefinitionValueAssignments == .object(["ds": .object(["SavedDataSetReference": .object(["Id": .string("abc")])])]))
        #expect(pipeline.createdDate?.date.timeIntervalSince1970 == 1_795_514_400)
    }

    @Test(arguments: [
        (#"{"TotalRunSteps":"x"}"#, "an integer field holding a non-number"),
        (#"{"CreatedDate":"2026-11-24"}"#, "a date without a time"),
        (#"{"ContinueRunOnStepFailure":"maybe"}"#, "a boolean field holding another word"),
        (#"{"EntityStatus":{"a":1}}"#, "an object where an enum was expected"),
    ])
    func clearlyWrongValues_fail(_ json: String, _ comment: String) {
        #expect(throws: DecodingError.self, "\(comment)") { try Self.decode(PipelineEntity.self, json) }
    }

    @Test func runWithoutStatus_isNotStarted_andRunWithoutIdIsRejected() throws {
        let entity = try Self.decode(PipelineRunEntity.self, #"{"Id":"r-9"}"#)
        #expect(PipelineRun(entity)?.status == "NotStarted")
        #expect(PipelineRun(try Self.decode(PipelineRunEntity.self, "{}")) == nil)
    }

    @Test func runStatusPassesUnknownValuesThrough() throws {
        let entity = try Self.decode(PipelineRunEntity.self, #"{"Id":"r","Status":{"StatusCode":"Queued"}}"#)
        #expect(PipelineRun(entity)?.status == "Queued")
        let finished = try Self.decode(
            PipelineRunEntity.self,
            #"{"Id":"r","Status":{"StatusCode":"3","EndTime":"2026-11-24T10:05:00Z"},"tags":{"gateway_run_id":"g1"}}"#
        )
        let run = try #require(PipelineRun(finished))
        #expect(run.status == "Finished")
        #expect(run.isTerminal)
        #expect(run.endedAt?.timeIntervalSince1970 == 1_795_514_700)
        #expect(run.tags == ["gateway_run_id": "g1"])
    }

    @Test func graphInterface_decodesParametersAndDataPathParameters() throws {
        let json = """
            {"Parameters":[
               {"Name":"lr","Documentation":"rate","DefaultValue":"0.01","IsOptional":false,"Type":"Double",
                "MinMaxRules":[{"Min":0,"Max":1},{"Min":"0.001","Max":null}],"EnumRules":null},
               {"Name":"mode","DefaultValue":null,"IsOptional":false,"Type":3,
                "EnumRules":[{"ValidValues":["fast","slow"]},{"ValidValues":["exact"]}]},
               {"Name":"epochs","DefaultValue":5,"IsOptional":"true","Type":"Int"},
               {"Name":"","Type":"Int"},
               {"Documentation":"nameless"}],
             "MetadataParameters":[],"Ports":{"Inputs":[]},
             "DataPathParameters":[
               {"Name":"input_datapath","DefaultValue":{"DataStoreName":"workspaceblobstore","RelativePath":"incoming/a.csv"},
                "IsOptional":false,"DataTypeId":"AnyFile"},
               {"Name":"required_path","DefaultValue":null}]}
            """
        let entity = try Self.decode(EntityInterface.self, json)
        #expect(entity.parameters?.count == 5)
        #expect(entity.dataPathParameters?.first?.dataTypeID == "AnyFile")

        let interface = PipelineInterface(entity)
        #expect(interface.parameters.map(\.name) == ["lr", "mode", "epochs"])
        let lr = interface.parameters[0]
        #expect(lr.type == .double)
        #expect(lr.min == 0.001, "the tightest of the declared minimums")
        #expect(lr.max == 1)
        #expect(lr.allowedValues == nil)
        #expect(!lr.isRequired)
        let mode = interface.parameters[1]
        #expect(mode.type == .string)
        #expect(mode.allowedValues == ["fast", "slow", "exact"])
        #expect(mode.isRequired)
        let epochs = interface.parameters[2]
        #expect(epochs.defaultValue == "5")
        #expect(epochs.isOptional)
        #expect(epochs.type == .int)
        #expect(
            interface.dataPathParameters == [
                DataPathParameter(
                    name: "input_datapath",
                    default: LegacyDataPath(dataStoreName: "workspaceblobstore", relativePath: "incoming/a.csv")
                ),
                DataPathParameter(name: "required_path"),
            ]
        )
        #expect(interface.dataPathParameters[1].isRequired)
    }

    @Test(arguments: [
        (#"{"Error":{"Code":"PipelineNotFound","Message":"Pipeline x not found","Target":"id","Details":[{"Code":"A","Message":"m","Target":"/x"}]}}"#, "PascalCase"),
        (#"{"error":{"code":"PipelineNotFound","message":"Pipeline x not found","target":"id","details":[{"code":"A","message":"m","target":"/x"}]}}"#, "lower case"),
    ])
    func errorEnvelope(_ json: String, _ comment: String) throws {
        let error = try #require(try Self.decode(AzureErrorResponse.self, json).error, "\(comment)")
        #expect(error.code == "PipelineNotFound")
        #expect(error.message == "Pipeline x not found")
        #expect(error.target == "id")
        #expect(error.details == [AzureErrorResponse.ErrorDetail(code: "A", message: "m", target: "/x")])
    }

    @Test func errorEnvelope_withExtrasAndNothingUseful() throws {
        let extra = try Self.decode(
            AzureErrorResponse.self,
            #"{"Error":{"Code":"C","Message":"M","InnerError":{"Code":"I"},"DebugInfo":{}},"Correlation":{"operation":"o"}}"#
        )
        #expect(extra.error?.code == "C")
        #expect(try Self.decode(AzureErrorResponse.self, "{}").error == nil)
    }
}
