import AzureML
import Foundation
import HTTPServer
import Observability
import Synchronization
import TestSupport
import Testing

@Suite("AzureMLClient errors, retries and circuit breaking")
struct AzureMLClientFailureTests {
    static let listPath = StubAzure.path("/Pipelines")
    static let submitPath = StubAzure.path("/PipelineRuns/PipelineSubmit/{id}")

    static func router(_ responder: ScriptedResponder) -> Router {
        router(.GET, listPath, responder)
    }

    static func router(_ method: HTTPMethod, _ path: String, _ responder: ScriptedResponder) -> Router {
        var router = Router()
        router.on(method, path) { request in responder.respond(request) }
        return router
    }

    static func submit(_ client: AzureMLClient) async throws(AzureMLError) -> PipelineRun {
        try await client.submit(pipelineID: "p-1", submission: PipelineSubmissionInfo(experimentName: "exp"))
    }

    @Test func notFound_carriesAzuresCodeAndMessage_andIsNotRetried() async throws {
        let stub = ScriptedResponder([
            StubAzure.json(#"{"Error":{"Code":"PipelineNotFound","Message":"Pipeline x not found"}}"#, status: 404)
        ])
        let registry = MetricsRegistry()
        try await withTestServer(router: Self.router(.GET, StubAzure.path("/Pipelines/{id}"), stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port, metrics: registry).pipeline(id: "x")
            }
            #expect(error?.code == .notFound)
            #expect(error?.statusCode == 404)
            #expect(error?.azureCode == "PipelineNotFound")
            #expect(error?.message == "Pipeline x not found")
            #expect(error?.operation == "get_pipeline")
            #expect(error?.isRetryable == false)
            #expect(error?.clientRequestID == stub.recorder.all.first?.headers["x-ms-client-request-id"])
        }
        #expect(stub.recorder.count == 1)
        #expect(registry.exposition().contains(#"azureml_requests_total{operation="get_pipeline",outcome="not_found"} 1"#))
    }

    @Test(arguments: [
        (400, AzureMLError.Code.badRequest), (403, .forbidden), (409, .conflict), (422, .badRequest), (410, .notFound),
    ])
    func statusCodesMapToCodes(_ status: Int, _ code: AzureMLError.Code) async throws {
        let stub = ScriptedResponder([StubAzure.json("", status: status)])
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await StubAzure.client(port: port).listPipelines(activeOnly: true) }
            #expect(error?.code == code)
            #expect(error?.message == "Azure ML answered HTTP \(status) without an error body")
        }
        #expect(stub.recorder.count == 1)
    }

    @Test func throttledWithRetryAfter_waitsAsAsked_thenSucceeds() async throws {
        let stub = ScriptedResponder([
            StubAzure.json(#"{"Error":{"Code":"TooManyRequests","Message":"slow down"}}"#, status: 429, headers: [("Retry-After", "2")]),
            StubAzure.json("[]"),
        ])
        let clock = TestClock()
        let registry = MetricsRegistry()
        let pipelines = try await withTestServer(router: Self.router(stub)) { port, _ in
            try await StubAzure.client(port: port, clock: clock, metrics: registry).listPipelines(activeOnly: true)
        }
        #expect(pipelines.isEmpty)
        #expect(stub.recorder.count == 2)
        #expect(clock.sleeps == [.seconds(2)])
        let ids = Set(stub.recorder.all.compactMap { $0.headers["x-ms-client-request-id"] })
        #expect(ids.count == 1, "one client request id across the attempts of a call")
        let text = registry.exposition()
        #expect(text.contains(#"azureml_requests_total{operation="list_pipelines",outcome="success"} 1"#))
        #expect(text.contains(#"azureml_requests_total{operation="list_pipelines",outcome="throttled"} 1"#))
        #expect(text.contains(#"azureml_request_duration_seconds_count{operation="list_pipelines"} 2"#))
    }

    @Test func throttledPastTheDeadline_givesUpWithRetryAfter() async throws {
        let stub = ScriptedResponder([StubAzure.json("", status: 429, headers: [("Retry-After", "60")])])
        let clock = TestClock()
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port, clock: clock).listPipelines(activeOnly: true)
            }
            #expect(error?.code == .throttled)
            #expect(error?.retryAfter == .seconds(60))
            #expect(error?.isRetryable == true)
        }
        #expect(stub.recorder.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func serverErrors_areRetriedUpToMaxAttempts() async throws {
        let stub = ScriptedResponder([StubAzure.json(#"{"Error":{"Code":"InternalError","Message":"boom"}}"#, status: 500)])
        let clock = TestClock()
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let client = StubAzure.client(port: port, configuration: StubAzure.configuration(maxAttempts: 3), clock: clock)
            let error = await #expect(throws: AzureMLError.self) { try await client.listPipelines(activeOnly: true) }
            #expect(error?.code == .serverError)
            #expect(error?.azureCode == "InternalError")
            #expect(error?.isRetryable == true)
            #expect(error?.mayHaveBeenProcessed == false, "only a submit can have side effects")
        }
        #expect(stub.recorder.count == 3)
        // random() is 0.5: half of the 100 ms and 200 ms windows.
        #expect(clock.sleeps == [.milliseconds(50), .milliseconds(100)])
    }

    @Test func unauthorizedOnce_refreshesTheTokenAndRetriesOnce() async throws {
        let issued = Mutex(0)
        let credential = ClosureCredential {
            let number = issued.withLock { count in
                count += 1
                return count
            }
            return AccessToken(token: "token-\(number)", expiresOn: .distantFuture)
        }
        var router = Router()
        let recorder = RequestRecorder()
        router.on(.GET, Self.listPath) { request in
            recorder.record(request)
            return request.headers["Authorization"] == "Bearer token-2"
                ? StubAzure.json("[]")
                : StubAzure.json(#"{"Error":{"Code":"InvalidToken","Message":"expired"}}"#, status: 401)
        }
        let logs = InMemoryLogSink()
        try await withTestServer(router: router) { port, _ in
            _ = try await StubAzure.client(port: port, credential: credential, logSink: logs).listPipelines(activeOnly: true)
        }
        #expect(recorder.all.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
        #expect(issued.withLock { $0 } == 2)
        #expect(!logs.lines.joined().contains("token-1"), "tokens never reach the log")
    }

    @Test func unauthorizedTwice_isUnauthorized_afterOneRefresh() async throws {
        let stub = ScriptedResponder([StubAzure.json(#"{"Error":{"Code":"AuthorizationFailed","Message":"no role"}}"#, status: 401)])
        let issued = Mutex(0)
        let credential = ClosureCredential {
            issued.withLock { $0 += 1 }
            return AccessToken(token: "t", expiresOn: .distantFuture)
        }
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port, credential: credential).listPipelines(activeOnly: true)
            }
            #expect(error?.code == .unauthorized)
            #expect(error?.azureCode == "AuthorizationFailed")
        }
        #expect(stub.recorder.count == 2)
        #expect(issued.withLock { $0 } == 2)
    }

    @Test func credentialFailure_isReportedWithTheCallsRequestID_andSendsNothing() async throws {
        let stub = ScriptedResponder([StubAzure.json("[]")])
        let credential = ClosureCredential { () throws(AzureMLError) -> AccessToken in
            throw AzureMLError(code: .credential, statusCode: 400, message: "no identity", operation: "token")
        }
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port, credential: credential).listPipelines(activeOnly: true)
            }
            #expect(error?.code == .credential)
            #expect(error?.clientRequestID.isEmpty == false)
        }
        #expect(stub.recorder.count == 0)
    }

    @Test(arguments: ["not json", "{\"Id\":", "{}", "[{\"Id\": 5}]"])
    func malformedJSON_isMalformedResponse_andNotRetried(_ body: String) async throws {
        let stub = ScriptedResponder([StubAzure.json(body)])
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await StubAzure.client(port: port).listPipelines(activeOnly: true) }
            #expect(error?.code == .malformedResponse)
            #expect(error?.statusCode == 200)
        }
        #expect(stub.recorder.count == 1)
    }

    @Test func slowAnswer_pastTheAttemptTimeout_isATimeout() async throws {
        let calls = Atomic<Int>(0)
        var router = Router()
        router.on(.GET, Self.listPath, async: { _ in
            calls.add(1, ordering: .relaxed)
            try await Task.sleep(for: .seconds(3))
            return StubAzure.json("[]")
        })
        try await withTestServer(router: router) { port, _ in
            let configuration = StubAzure.configuration(maxAttempts: 2, attemptTimeout: .milliseconds(150))
            let started = ContinuousClock.now
            let error = await #expect(throws: AzureMLError.self) {
                try await StubAzure.client(port: port, configuration: configuration).listPipelines(activeOnly: true)
            }
            #expect(error?.code == .timeout)
            // Two attempts cut at 150 ms each finish long before one 3 s answer (generous for a loaded CI machine).
            #expect(ContinuousClock.now - started < .milliseconds(2500), "each attempt was cut at 150 ms")
        }
        #expect(calls.load(ordering: .relaxed) == 2, "a read is retried after a timeout")
    }

    @Test func submit_isNotRetriedOnAServerError() async throws {
        let stub = ScriptedResponder([StubAzure.json(#"{"Error":{"Code":"InternalError","Message":"boom"}}"#, status: 500)])
        let clock = TestClock()
        try await withTestServer(router: Self.router(.POST, Self.submitPath, stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) {
                try await Self.submit(StubAzure.client(port: port, clock: clock))
            }
            #expect(error?.code == .serverError)
            #expect(error?.operation == "submit")
            #expect(error?.mayHaveBeenProcessed == true)
        }
        #expect(stub.recorder.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func submit_isNotRetriedAfterAConnectionReset() async throws {
        let stub = ScriptedResponder([.connectionReset])
        try await withTestServer(router: Self.router(.POST, Self.submitPath, stub)) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await Self.submit(StubAzure.client(port: port)) }
            #expect(error?.code == .transport)
            #expect(error?.mayHaveBeenProcessed == true)
        }
        #expect(stub.recorder.count == 1)
    }

    @Test func submit_isNotRetriedAfterATimeout() async throws {
        let calls = Atomic<Int>(0)
        var router = Router()
        router.on(.POST, Self.submitPath, async: { _ in
            calls.add(1, ordering: .relaxed)
            try await Task.sleep(for: .milliseconds(600))
            return StubAzure.json(StubAzure.runJSON)
        })
        try await withTestServer(router: router) { port, _ in
            let configuration = StubAzure.configuration(maxAttempts: 3, attemptTimeout: .milliseconds(150))
            let error = await #expect(throws: AzureMLError.self) {
                try await Self.submit(StubAzure.client(port: port, configuration: configuration))
            }
            #expect(error?.code == .timeout)
            #expect(error?.mayHaveBeenProcessed == true)
        }
        #expect(calls.load(ordering: .relaxed) == 1)
    }

    @Test(arguments: [429, 503])
    func submit_isRetriedWhenAzureRefusedIt(_ status: Int) async throws {
        let stub = ScriptedResponder([
            StubAzure.json("", status: status, headers: [("Retry-After", "1")]), StubAzure.json(StubAzure.runJSON),
        ])
        let clock = TestClock()
        let run = try await withTestServer(router: Self.router(.POST, Self.submitPath, stub)) { port, _ in
            try await Self.submit(StubAzure.client(port: port, clock: clock))
        }
        #expect(run.id == "r-1")
        #expect(stub.recorder.count == 2)
        #expect(clock.sleeps == [.seconds(1)])
    }

    @Test func submit_toARefusingPort_isRetried_andCertainlyNotProcessed() async throws {
        let refusing = try RefusingPort()
        let clock = TestClock()
        let client = StubAzure.client(port: refusing.port, configuration: StubAzure.configuration(maxAttempts: 3), clock: clock)
        let error = await #expect(throws: AzureMLError.self) { try await Self.submit(client) }
        #expect(error?.code == .transport)
        #expect(error?.mayHaveBeenProcessed == false)
        #expect(clock.sleeps.count == 2)
    }

    @Test func circuitOpensAfterFiveFailures_thenLetsOneProbeThrough() async throws {
        let failure = StubAzure.json(#"{"Error":{"Code":"InternalError","Message":"down"}}"#, status: 500)
        let stub = ScriptedResponder([failure, failure, failure, failure, failure, StubAzure.json("[]")])
        let clock = TestClock()
        let registry = MetricsRegistry()
        try await withTestServer(router: Self.router(stub)) { port, _ in
            let client = StubAzure.client(
                port: port, configuration: StubAzure.configuration(maxAttempts: 1), clock: clock, metrics: registry
            )
            for _ in 0..<5 {
                let error = await #expect(throws: AzureMLError.self) { try await client.listPipelines(activeOnly: true) }
                #expect(error?.code == .serverError)
            }
            let refused = await #expect(throws: AzureMLError.self) { try await client.listPipelines(activeOnly: true) }
            #expect(refused?.code == .circuitOpen)
            #expect(refused?.retryAfter == .seconds(30))
            #expect(refused?.isRetryable == true)
            #expect(stub.recorder.count == 5, "an open circuit sends nothing")

            clock.advance(by: .seconds(30))
            let pipelines = try await client.listPipelines(activeOnly: true)
            #expect(pipelines.isEmpty)
            #expect(client.circuitState == .closed(consecutiveFailures: 0))
        }
        #expect(stub.recorder.count == 6)
        #expect(registry.exposition().contains(#"azureml_requests_total{operation="list_pipelines",outcome="circuit_open"} 1"#))
    }

    @Test func clientErrorsDoNotOpenTheCircuit() async throws {
        let stub = ScriptedResponder([StubAzure.json("", status: 404)])
        try await withTestServer(router: Self.router(.GET, StubAzure.path("/Pipelines/{id}"), stub)) { port, _ in
            let client = StubAzure.client(port: port, configuration: StubAzure.configuration(maxAttempts: 1))
            for _ in 0..<7 {
                let error = await #expect(throws: AzureMLError.self) { try await client.pipeline(id: "x") }
                #expect(error?.code == .notFound)
            }
        }
        #expect(stub.recorder.count == 7)
    }

    @Test func redirectsAreNotFollowed() async throws {
        let elsewhere = RequestRecorder()
        var router = Router()
        router.on(.GET, Self.listPath) { _ in
            HTTPResponse(status: HTTPStatus(code: 302), headers: ["Location": "/elsewhere"])
        }
        router.on(.GET, "/elsewhere") { request in
            elsewhere.record(request)
            return StubAzure.json("[]")
        }
        try await withTestServer(router: router) { port, _ in
            let error = await #expect(throws: AzureMLError.self) { try await StubAzure.client(port: port).listPipelines(activeOnly: true) }
            #expect(error?.code == .malformedResponse)
            #expect(error?.statusCode == 302)
        }
        #expect(elsewhere.count == 0, "the bearer token never follows a redirect")
    }
}

/// A credential whose behaviour the test writes inline.
struct ClosureCredential: TokenCredential {
    let body: @Sendable () throws(AzureMLError) -> AccessToken

    init(_ body: @escaping @Sendable () throws(AzureMLError) -> AccessToken) {
        self.body = body
    }

    func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        try body()
    }
}
