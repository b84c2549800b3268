import AzureML
import Foundation
import HTTPServer
import TestSupport
import Testing

/// The client's pipeline endpoint calls: decoding an entity written loosely, the list's `BatchSize`,
/// submitting to the default or a pinned version (path and query, as SDK 1.62), and reconciling a
/// lost endpoint submit by its tag among the endpoint's versions' runs.
@Suite("AzureMLClient pipeline endpoints")
struct PipelineEndpointClientTests {
    @Test func endpointByID_decodesLenientlyAndBuildsTheSubmitURL() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/PipelineEndpoints/Id/{id}")) { request in
            recorder.record(request)
            return StubAzure.json("""
                {"Id":"e-1","Name":"nightly","Description":"d","DefaultVersion":1,"EntityStatus":"2",
                 "PipelineVersionList":[{"Version":"0","PipelineId":"p-0"},{"Version":1,"PipelineId":"p-1"},{"Version":"2"}],
                 "CreatedDate":"1970-01-01T00:00:00","tags":{"team":"ml"},"Properties":{}}
                """)
        }
        let endpoint = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).pipelineEndpoint(id: "e 1/x")
        }
        let request = try #require(recorder.all.first)
        #expect(request.path == StubAzure.path("/PipelineEndpoints/Id/e%201%2Fx"), "the id is one escaped path segment")
        #expect(endpoint.id == "e-1")
        #expect(endpoint.name == "nightly")
        #expect(endpoint.status == .disabled, "a digit string status is read like the int")
        #expect(endpoint.defaultVersion == "1", "a numeric version is read as its text")
        #expect(endpoint.versions == [.init(version: "0", pipelineID: "p-0"), .init(version: "1", pipelineID: "p-1")], "an entry with no pipeline is dropped")
        #expect(endpoint.version(nil)?.pipelineID == "p-1")
        #expect(endpoint.version("0")?.pipelineID == "p-0")
        #expect(endpoint.version("9") == nil)
        #expect(endpoint.createdAt == nil, "the 1970 sentinel means unset")
        #expect(endpoint.endpoint.path == StubAzure.path("/PipelineRuns/PipelineEndpointSubmit/Id/e-1"))
    }

    @Test func listEndpoints_sendsActiveOnlyAndBatchSize() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/PipelineEndpoints")) { request in
            recorder.record(request)
            return StubAzure.json(#"[{"Id":"e-1","Name":"a","EntityStatus":0,"PipelineVersionList":[]},{"Id":"e-2","EntityStatus":"Active"}]"#)
        }
        let endpoints = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).listPipelineEndpoints(activeOnly: false, batchSize: 7)
        }
        let request = try #require(recorder.all.first)
        #expect(request.queryString == "activeOnly=false")
        #expect(request.headers["BatchSize"] == "7")
        #expect(endpoints.map(\.id) == ["e-1", "e-2"])
        #expect(endpoints.allSatisfy { $0.status == .active })
    }

    @Test(arguments: [("2", "/Id/e-1/2", "pipelineVersion=2"), (nil, "/Id/e-1", "")] as [(String?, String, String)])
    func submitThroughEndpoint_putsAPinnedVersionInPathAndQuery(_ version: String?, _ suffix: String, _ query: String) async throws {
        let stub = ReconcilingStub([])
        let run = try await withTestServer(router: stub.router) { port, _ in
            try await StubAzure.client(port: port).submit(
                .endpoint(id: "e-1", version: version), submission: PipelineSubmissionInfo(experimentName: "exp"), gatewayRunID: "g-7")
        }
        #expect(run.id == "r-1")
        #expect(stub.submissions == [["gateway_run_id": "g-7"]])
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.POST, StubAzure.path("/PipelineRuns/PipelineEndpointSubmit/Id/{id}/{version}")) { request in
            recorder.record(request)
            return StubAzure.json(StubAzure.runJSON)
        }
        router.on(.POST, StubAzure.path("/PipelineRuns/PipelineEndpointSubmit/Id/{id}")) { request in
            recorder.record(request)
            return StubAzure.json(StubAzure.runJSON)
        }
        _ = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).submit(
                .endpoint(id: "e-1", version: version), submission: PipelineSubmissionInfo(experimentName: "exp"), gatewayRunID: "g-7")
        }
        let sent = try #require(recorder.all.first)
        #expect(sent.path == StubAzure.path("/PipelineRuns/PipelineEndpointSubmit" + suffix))
        #expect(String(sent.queryString ?? "") == query)
    }

    @Test func lostEndpointSubmit_isFoundByTagAmongTheVersionsRuns_withoutASecondSubmission() async throws {
        let stub = ReconcilingStub([.init(failure: .reset, creates: true)])
        let run = try await withTestServer(router: stub.router) { port, _ in
            try await SubmitReconciliationTests.client(port).submit(
                .endpoint(id: "e-1", version: nil), submission: PipelineSubmissionInfo(experimentName: "exp"), gatewayRunID: "g-42")
        }
        #expect(run.id == "r-1")
        #expect(stub.submissions.count == 1, "exactly one submission when the run is found by its tag")
        #expect(stub.endpointReads == 1, "the endpoint is read to know which pipelines' runs to look in")
        #expect(stub.listedPipelines.first == "p-1", "the default version's pipeline is looked at first")
    }

    @Test func lostEndpointSubmit_noTaggedRun_isSentOnceMore_toTheSamePinnedVersion() async throws {
        let stub = ReconcilingStub([.init(failure: .serverError, creates: false)])
        let run = try await withTestServer(router: stub.router) { port, _ in
            try await SubmitReconciliationTests.client(port).submit(
                .endpoint(id: "e-1", version: "0"), submission: PipelineSubmissionInfo(experimentName: "exp"), gatewayRunID: "g-43")
        }
        #expect(run.id == "r-2")
        #expect(stub.submissions.count == 2)
        #expect(stub.listedPipelines == ["p-0"], "a pinned version's pipeline only")
    }
}
