import AzureML
import Foundation
import HTTPServer
import TestSupport
import Testing

@Suite("AzureMLClient operations against stub routes")
struct AzureMLClientOperationTests {
    @Test func listPipelines_sendsTheSDKRequest_andMapsEveryField() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/Pipelines")) { request in
            recorder.record(request)
            return StubAzure.json("[\(StubAzure.pipelineJSON), {\"Id\":\"p-2\",\"EntityStatus\":\"2\",\"CreatedDate\":\"1970-01-01T00:00:00\"}]")
        }
        let pipelines = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).listPipelines(activeOnly: true)
        }
        let request = try #require(recorder.all.first)
        #expect(request.queryString == "activeOnly=true")
        #expect(request.headers["Authorization"] == "Bearer test-token")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["User-Agent"] == "pipeline-gateway/0.1.0")
        #expect(UUID(uuidString: request.headers["x-ms-client-request-id"] ?? "") != nil)

        #expect(pipelines.count == 2)
        let first = try #require(pipelines.first)
        #expect(first.id == "p-1")
        #expect(first.name == "MyRestPipeline")
        #expect(first.description == "demo")
        #expect(first.version == "1")
        #expect(first.status == .active)
        #expect(first.graphID == "g-1")
        #expect(first.parameterDefaults == ["input_string": "hello"])
        #expect(first.endpoint.absoluteString == "https://eastus.api.azureml.ms/pipelines/v1.0/x/PipelineRuns/PipelineSubmit/p-1")
        #expect(first.createdAt?.timeIntervalSince1970 ?? 0 > 1_795_514_400)
        let second = pipelines[1]
        #expect(second.status == .disabled)
        #expect(second.createdAt == nil, "the 1970 sentinel means unset")
        #expect(second.endpoint.path == StubAzure.path("/PipelineRuns/PipelineSubmit/p-2"), "built when Url is absent")
        #expect(second.name == "")
    }

    @Test func listPipelines_activeOnlyFalse() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/Pipelines")) { request in
            recorder.record(request)
            return StubAzure.json("[]")
        }
        let pipelines = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).listPipelines(activeOnly: false)
        }
        #expect(pipelines.isEmpty)
        #expect(recorder.all.first?.queryString == "activeOnly=false")
    }

    @Test func pipelineByID_escapesTheIdAsOnePathSegment() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/Pipelines/{id}")) { request in
            recorder.record(request)
            return StubAzure.json(#"{"Name":"no id in body","EntityStatus":"Deprecated"}"#)
        }
        let pipeline = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).pipeline(id: "a b/c?d")
        }
        let request = try #require(recorder.all.first)
        #expect(request.path == StubAzure.path("/Pipelines/a%20b%2Fc%3Fd"))
        #expect(request.pathParameters["id"] == "a b/c?d")
        #expect(pipeline.id == "a b/c?d", "the requested id fills in for a missing Id")
        #expect(pipeline.status == .deprecated)
    }

    @Test(arguments: ["..", ".", ""])
    func dotSegments_areRefusedWithoutARequest(_ id: String) async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, "/{a}") { request in
            recorder.record(request)
            return StubAzure.json("{}")
        }
        try await withTestServer(router: router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await StubAzure.client(port: port).pipeline(id: id) }
            #expect(error?.code == .badRequest)
            #expect(error?.operation == "get_pipeline")
        }
        #expect(recorder.count == 0)
    }

    @Test(arguments: [(PipelineStatus.disabled, "\"Disabled\""), (.active, "\"Active\""), (.deprecated, "\"Deprecated\"")])
    func setPipelineStatus_putsTheBareJSONString(_ status: PipelineStatus, _ body: String) async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.PUT, StubAzure.path("/Pipelines/{id}/status")) { request in
            recorder.record(request)
            return HTTPResponse(status: .ok)
        }
        try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).setPipelineStatus(id: "p-1", status)
        }
        let request = try #require(recorder.all.first)
        #expect(request.body == Array(body.utf8))
        #expect(request.headers["Content-Type"] == "application/json-patch+json; charset=utf-8")
        #expect(request.pathParameters["id"] == "p-1")
    }

    @Test func setPipelineStatus_onlyAccepts200_likeTheSDK() async throws {
        var router = Router()
        router.on(.PUT, StubAzure.path("/Pipelines/{id}/status")) { _ in HTTPResponse(status: .noContent) }
        try await withTestServer(router: router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port).setPipelineStatus(id: "p-1", .disabled)
            }
            #expect(error?.code == .malformedResponse)
            #expect(error?.statusCode == 204)
        }
    }

    @Test func setPipelineStatus_refusesAnUnknownStatusLocally() async throws {
        let client = StubAzure.client(port: 9)
        let error = await #expect(throws: AzureMLError.self) { try await client.setPipelineStatus(id: "p", .unknown("Archived")) }
        #expect(error?.code == .badRequest)
    }

    @Test func interface_readsTheGraphInterface() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/Graphs/{graph}/Interface")) { request in
            recorder.record(request)
            return StubAzure.json("""
                {"Parameters":[{"Name":"input_string","DefaultValue":"hello","IsOptional":false,"Type":3}],
                 "DataPathParameters":[{"Name":"input_datapath","DefaultValue":{"DataStoreName":"workspaceblobstore","RelativePath":"a.csv"},"IsOptional":false,"DataTypeId":"AnyFile"}]}
                """)
        }
        let interface = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).interface(graphID: "g-1")
        }
        #expect(recorder.all.first?.pathParameters["graph"] == "g-1")
        #expect(interface.parameters == [PipelineParameter(name: "input_string", defaultValue: "hello", type: .string)])
        #expect(interface.dataPathParameters.map(\.name) == ["input_datapath"])
    }

    @Test func submit_postsTheSubmissionAndReturnsTheRun() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.POST, StubAzure.path("/PipelineRuns/PipelineSubmit/{id}")) { request in
            recorder.record(request)
            return StubAzure.json(StubAzure.runJSON)
        }
        let submission = PipelineSubmissionInfo(
            experimentName: "exp", runSource: "SDK", parameterAssignments: ["input_string": "hi"],
            dataPathAssignments: ["input_datapath": LegacyDataPath(dataStoreName: "workspaceblobstore", relativePath: "incoming/a.csv")],
            continueRunOnStepFailure: false, tags: ["gateway_run_id": "g-run-1"]
        )
        let run = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).submit(pipelineID: "p-1", submission: submission)
        }
        let request = try #require(recorder.all.first)
        #expect(request.pathParameters["id"] == "p-1")
        #expect(request.headers["Content-Type"] == "application/json-patch+json; charset=utf-8")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"ContinueRunOnStepFailure":false,"DataPathAssignments":{"input_datapath":{"DataStoreName":"workspaceblobstore","RelativePath":"incoming/a.csv"}},"ExperimentName":"exp","ParameterAssignments":{"input_string":"hi"},"RunSource":"SDK","tags":{"gateway_run_id":"g-run-1"}}"#
        )
        #expect(run.id == "r-1")
        #expect(run.pipelineID == "p-1")
        #expect(run.experimentName == "exp")
        #expect(run.status == "NotStarted")
        #expect(run.tags == ["gateway_run_id": "g-run-1"])
        #expect(run.createdAt?.timeIntervalSince1970 == 1_795_514_400)
    }

    @Test func submit_answerWithoutRunID_isMalformed_andMayHaveCreatedARun() async throws {
        var router = Router()
        router.on(.POST, StubAzure.path("/PipelineRuns/PipelineSubmit/{id}")) { _ in StubAzure.json("{}") }
        try await withTestServer(router: router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port).submit(pipelineID: "p-1", submission: PipelineSubmissionInfo(experimentName: "e"))
            }
            #expect(error?.code == .malformedResponse)
            #expect(error?.mayHaveBeenProcessed == true)
        }
    }

    @Test func runAndRunsOfAPipeline() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/PipelineRuns/{id}")) { request in
            recorder.record(request)
            return StubAzure.json(#"{"Status":{"StatusCode":"Finished","EndTime":"2026-11-24T10:05:00Z"}}"#)
        }
        router.on(.GET, StubAzure.path("/PipelineRuns/Pipeline/{id}")) { request in
            recorder.record(request)
            return StubAzure.json("[\(StubAzure.runJSON), {\"Id\":\"r-2\",\"Status\":{\"StatusCode\":2}}]")
        }
        try await withTestServer(router: router) { port, _ in
            let client = StubAzure.client(port: port)
            let run = try await client.run(id: "r-1")
            #expect(run.id == "r-1")
            #expect(run.status == "Finished")
            #expect(run.isTerminal)
            #expect(run.endedAt?.timeIntervalSince1970 == 1_795_514_700)
            let runs = try await client.runs(pipelineID: "p-1")
            #expect(runs.map(\.id) == ["r-1", "r-2"])
            #expect(runs.map(\.status) == ["NotStarted", "Failed"])
            #expect(runs.first { $0.tags["gateway_run_id"] == "g-run-1" }?.id == "r-1")
        }
        #expect(recorder.all.map { $0.pathParameters["id"] } == ["r-1", "p-1"])
    }

    @Test func listWithAnItemWithoutId_isMalformed() async throws {
        var router = Router()
        router.on(.GET, StubAzure.path("/PipelineRuns/Pipeline/{id}")) { _ in StubAzure.json(#"[{"Id":"r-1"},{}]"#) }
        try await withTestServer(router: router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await StubAzure.client(port: port).runs(pipelineID: "p-1") }
            #expect(error?.code == .malformedResponse)
            #expect(error?.message.contains("run 1") == true)
        }
    }
}
