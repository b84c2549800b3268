import AzureML
import Foundation
import HTTPServer
import Observability
import TestSupport
import Testing

/// `submit(pipelineID:submission:gatewayRunID:)`: a submission whose answer is lost is looked for
/// by its `gateway_run_id` tag; found, it is the answer (no second run); not found, it is sent once
/// more; still unknown, the error says a run may exist.
@Suite("Submit reconciliation by gateway_run_id")
struct SubmitReconciliationTests {
    static let ambiguous: [ReconcilingStub.Failure] = [.reset, .timeout, .serverError, .okWithoutID]

    static func client(_ port: Int, clock: TestClock = TestClock(), logs: InMemoryLogSink = InMemoryLogSink()) -> AzureMLClient {
        // Attempts are cut at 150 ms so the `timeout` case is quick; the stub answers it after 600 ms.
        StubAzure.client(
            port: port, configuration: StubAzure.configuration(maxAttempts: 3, attemptTimeout: .milliseconds(150)), clock: clock,
            logSink: logs)
    }

    static func submit(_ client: AzureMLClient, tags: [String: String]? = nil) async throws(AzureMLError) -> PipelineRun {
        try await client.submit(
            pipelineID: "p-1", submission: PipelineSubmissionInfo(experimentName: "exp", tags: tags), gatewayRunID: "g-42")
    }

    @Test(arguments: ambiguous)
    func lostAnswer_runFoundByTag_isReturned_withoutASecondSubmission(_ failure: ReconcilingStub.Failure) async throws {
        let stub = ReconcilingStub([.init(failure: failure, creates: true)])
        let logs = InMemoryLogSink()
        let run = try await withTestServer(router: stub.router) { port, _ in
            try await Self.submit(Self.client(port, logs: logs))
        }
        #expect(run.id == "r-1")
        #expect(run.tags["gateway_run_id"] == "g-42")
        #expect(stub.submissions.count == 1, "exactly one submission when the run is found by its tag")
        #expect(stub.listCalls == 1)
        #expect(logs.lines.joined().contains("found its run by tag"))
    }

    @Test(arguments: ambiguous)
    func lostAnswer_noRunWithTheTag_isSubmittedOnceMore(_ failure: ReconcilingStub.Failure) async throws {
        let stub = ReconcilingStub([.init(failure: failure, creates: false)])
        let run = try await withTestServer(router: stub.router) { port, _ in
            try await Self.submit(Self.client(port))
        }
        #expect(run.id == "r-2")
        #expect(stub.submissions.count == 2, "exactly two submissions when the first left no run")
        #expect(stub.submissions.allSatisfy { $0["gateway_run_id"] == "g-42" }, "both carry the same tag")
        #expect(stub.listCalls == 1)
    }

    @Test func secondSubmissionAlsoLost_butAccepted_isFoundByTheSecondCheck() async throws {
        let stub = ReconcilingStub([.init(failure: .reset, creates: false), .init(failure: .serverError, creates: true)])
        let run = try await withTestServer(router: stub.router) { port, _ in try await Self.submit(Self.client(port)) }
        #expect(run.id == "r-2")
        #expect(stub.submissions.count == 2)
        #expect(stub.listCalls == 2)
    }

    @Test func stillAmbiguousAfterTwoSubmissions_throwsMayHaveBeenProcessed() async throws {
        let stub = ReconcilingStub([.init(failure: .reset, creates: false), .init(failure: .serverError, creates: false)])
        try await withTestServer(router: stub.router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await Self.submit(Self.client(port)) }
            #expect(error?.mayHaveBeenProcessed == true)
            #expect(error?.operation == "submit")
            #expect(error?.code == .serverError, "the last submission's failure")
            #expect(error?.message.contains("no run tagged gateway_run_id=g-42") == true)
        }
        #expect(stub.submissions.count == 2, "never a third submission")
        #expect(stub.listCalls == 2)
    }

    @Test func runListUnreadable_throwsMayHaveBeenProcessed_withoutResubmitting() async throws {
        let stub = ReconcilingStub([.init(failure: .serverError, creates: false)], listFailures: 10)
        try await withTestServer(router: stub.router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await Self.submit(Self.client(port)) }
            #expect(error?.mayHaveBeenProcessed == true)
            #expect(error?.code == .serverError)
            #expect(error?.message.contains("could not be listed") == true)
        }
        #expect(stub.submissions.count == 1, "an unknown outcome is never resubmitted blindly")
        #expect(stub.listCalls == 3, "the check is a read, retried up to maxAttempts")
    }

    @Test func refusal_isNotReconciled() async throws {
        let stub = ReconcilingStub([.init(failure: .badRequest, creates: false)])
        try await withTestServer(router: stub.router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await Self.submit(Self.client(port)) }
            #expect(error?.code == .badRequest)
            #expect(error?.azureCode == "BadExperiment")
            #expect(error?.mayHaveBeenProcessed == false)
        }
        #expect(stub.submissions.count == 1)
        #expect(stub.listCalls == 0)
    }

    @Test func secondSubmissionRefused_isThatRefusal_certainlyNothingCreated() async throws {
        let stub = ReconcilingStub([.init(failure: .reset, creates: false), .init(failure: .badRequest, creates: false)])
        try await withTestServer(router: stub.router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await Self.submit(Self.client(port)) }
            #expect(error?.code == .badRequest)
            #expect(error?.mayHaveBeenProcessed == false)
        }
        #expect(stub.submissions.count == 2)
        #expect(stub.listCalls == 1)
    }

    @Test func theCheckSharesTheSubmitDeadline() async throws {
        var router = Router()
        let submits = RequestRecorder()
        let lists = RequestRecorder()
        router.on(.POST, ReconcilingStub.submitPath) { request in
            submits.record(request)
            return StubAzure.json(#"{"Error":{"Code":"InternalError","Message":"boom"}}"#, status: 500)
        }
        router.on(.GET, ReconcilingStub.listPath) { request in
            lists.record(request)
            return StubAzure.json("", status: 503, headers: [("Retry-After", "2")])
        }
        var configuration = StubAzure.configuration(maxAttempts: 3)
        configuration.submitDeadline = .seconds(1)
        let clock = TestClock()
        try await withTestServer(router: router) { port, _ in
            let client = StubAzure.client(port: port, configuration: configuration, clock: clock)
            let error = await #expect(throws: AzureMLError.self) { try await Self.submit(client) }
            #expect(error?.mayHaveBeenProcessed == true)
        }
        #expect(submits.count == 1)
        #expect(lists.count == 1, "waiting 2 s for the list would pass the 1 s submit deadline (the read deadline is 15 s)")
        #expect(clock.sleeps.isEmpty)
    }

    @Test func theTagIsAdded_otherTagsKept_andTheCallersTagValueReplaced() async throws {
        let stub = ReconcilingStub([])
        _ = try await withTestServer(router: stub.router) { port, _ in
            try await Self.submit(Self.client(port), tags: ["team": "data", "gateway_run_id": "stale"])
        }
        #expect(stub.submissions == [["team": "data", "gateway_run_id": "g-42"]])
        #expect(stub.listCalls == 0, "a clean success needs no check")
    }
}
