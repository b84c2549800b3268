import AzureML
import Foundation
import HTTPServer
import Observability
import Synchronization
import TestSupport

/// Building blocks for tests that run the client against stub routes over real loopback HTTP.
enum StubAzure {
    static let workspace = WorkspaceReference(subscriptionID: "sub-1", resourceGroup: "rg-1", workspaceName: "ws-1")

    /// The workspace prefix of every pipelines path, as the server sees it.
    static let prefix =
        "/pipelines/v1.0/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.MachineLearningServices/workspaces/ws-1"

    static func path(_ suffix: String) -> String { prefix + suffix }

    /// Test-sized limits: no real waiting anywhere, since `TestClock` makes sleeps instant.
    static func configuration(
        maxAttempts: Int = 3, attemptTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(15)
    ) -> AzureMLClientConfiguration {
        var configuration = AzureMLClientConfiguration()
        configuration.maxAttempts = maxAttempts
        configuration.attemptTimeout = attemptTimeout
        configuration.readTimeout = readTimeout
        configuration.backoffBase = .milliseconds(100)
        configuration.backoffCap = .seconds(1)
        return configuration
    }

    static func client(
        port: Int,
        credential: any TokenCredential = StaticTokenCredential(token: "test-token"),
        configuration: AzureMLClientConfiguration = configuration(),
        clock: TestClock = TestClock(),
        metrics: MetricsRegistry? = nil,
        logSink: InMemoryLogSink = InMemoryLogSink()
    ) -> AzureMLClient {
        AzureMLClient(
            workspace: workspace,
            baseURL: URL(string: "http://127.0.0.1:\(port)")!,
            credential: credential,
            configuration: configuration,
            logger: Logger(sink: logSink, minimumLevel: .debug),
            metrics: metrics,
            clock: clock.clock,
            random: { 0.5 }
        )
    }

    static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse.json(HTTPStatus(code: status), text, headers: HTTPHeaders(headers))
    }

    static let pipelineJSON = """
        {"Id":"p-1","Name":"MyRestPipeline","Description":"demo","Version":"1","GraphId":"g-1",
         "Url":"https://eastus.api.azureml.ms/pipelines/v1.0/x/PipelineRuns/PipelineSubmit/p-1",
         "EntityStatus":0,"ParameterAssignments":{"input_string":"hello"},
         "CreatedDate":"2026-11-24T10:00:00.1234567+00:00","TotalRunSteps":"2"}
        """

    static let runJSON = """
        {"Id":"r-1","PipelineId":"p-1","RunHistoryExperimentName":"exp",
         "Status":{"StatusCode":0,"StatusDetail":null,"CreationTime":"2026-11-24T10:00:00Z","EndTime":null},
         "tags":{"gateway_run_id":"g-run-1"}}
        """
}

/// Every request a stub received, in order.
final class RequestRecorder: Sendable {
    private let requests = Mutex<[HTTPRequest]>([])

    func record(_ request: HTTPRequest) {
        requests.withLock { $0.append(request) }
    }

    var all: [HTTPRequest] { requests.withLock { $0 } }
    var count: Int { requests.withLock { $0.count } }
}

/// Answers from a script: the n-th call gets the n-th response (the last one repeats).
final class ScriptedResponder: Sendable {
    private let script: [HTTPResponse]
    let recorder = RequestRecorder()

    init(_ script: [HTTPResponse]) {
        precondition(!script.isEmpty)
        self.script = script
    }

    func respond(_ request: HTTPRequest) -> HTTPResponse {
        recorder.record(request)
        let index = min(recorder.count - 1, script.count - 1)
        return script[index]
    }
}
