import Foundation
import HTTPServer
import Synchronization

/// A pipelines service with a memory: each submission follows the next scripted step (answer
/// normally, or fail in a given way, having created a run or not), and the pipeline's run list
/// shows exactly the runs created so far, beside a run someone else submitted.
final class ReconcilingStub: Sendable {
    enum Failure: Sendable, CustomStringConvertible {
        /// The connection is dropped instead of an answer.
        case reset
        /// The answer comes after the client's attempt timeout.
        case timeout
        case serverError
        /// 200 with a body that has no run id.
        case okWithoutID
        case badRequest

        var description: String {
            switch self {
            case .reset: "reset"
            case .timeout: "timeout"
            case .serverError: "500"
            case .okWithoutID: "200 without Id"
            case .badRequest: "400"
            }
        }
    }

    struct Step: Sendable {
        var failure: Failure?
        /// Whether the service recorded the run before failing (always true for a success).
        var creates: Bool
    }

    private struct State {
        var steps: [Step]
        var listFailures: Int
        var submissions: [[String: String]] = []
        var lists = 0
        var endpointReads = 0
        var listedPipelines: [String] = []
        var runs: [(id: String, tags: [String: String])] = []
    }

    private let state: Mutex<State>

    /// - Parameters:
    ///   - steps: One per submission; later submissions succeed.
    ///   - listFailures: How many run-list calls answer 500 first.
    init(_ steps: [Step], listFailures: Int = 0) {
        state = Mutex(State(steps: steps, listFailures: listFailures))
    }

    static let submitPath = StubAzure.path("/PipelineRuns/PipelineSubmit/{id}")
    static let listPath = StubAzure.path("/PipelineRuns/Pipeline/{id}")
    /// Submits through pipeline endpoint `e-1`, whose versions "0" (`p-0`) and "1" (`p-1`, the
    /// default) share this stub's runs.
    static let endpointSubmitPath = StubAzure.path("/PipelineRuns/PipelineEndpointSubmit/Id/{id}")
    static let endpointPath = StubAzure.path("/PipelineEndpoints/Id/{id}")

    var router: Router {
        var router = Router()
        router.on(.POST, Self.submitPath, async: { [self] request in try await submit(request) })
        router.on(.POST, Self.endpointSubmitPath, async: { [self] request in try await submit(request) })
        router.on(.POST, Self.endpointSubmitPath + "/{version}", async: { [self] request in try await submit(request) })
        router.on(.GET, Self.listPath) { [self] request in list(request.pathParameters["id"] ?? "") }
        router.on(.GET, Self.endpointPath) { [self] _ in
            state.withLock { $0.endpointReads += 1 }
            return StubAzure.json(
                #"{"Id":"e-1","DefaultVersion":"1","EntityStatus":0,"PipelineVersionList":[{"Version":"0","PipelineId":"p-0"},{"Version":"1","PipelineId":"p-1"}]}"#)
        }
        return router
    }

    var endpointReads: Int { state.withLock { $0.endpointReads } }
    /// The pipeline id of every run-list call, in order.
    var listedPipelines: [String] { state.withLock { $0.listedPipelines } }

    /// The `tags` of every submission received, in order.
    var submissions: [[String: String]] { state.withLock { $0.submissions } }
    var listCalls: Int { state.withLock { $0.lists } }

    private func submit(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
        let tags = body?["tags"] as? [String: String] ?? [:]
        let (step, runID) = state.withLock { state -> (Step, String) in
            state.submissions.append(tags)
            let step = state.steps.isEmpty ? Step(failure: nil, creates: true) : state.steps.removeFirst()
            let id = "r-\(state.submissions.count)"
            if step.creates || step.failure == nil { state.runs.append((id, tags)) }
            return (step, id)
        }
        switch step.failure {
        case nil: return StubAzure.json(Self.runJSON(runID, tags))
        case .reset?: return .connectionReset
        case .timeout?:
            try await Task.sleep(for: .milliseconds(600))
            return StubAzure.json(Self.runJSON(runID, tags))
        case .serverError?: return StubAzure.json(#"{"Error":{"Code":"InternalError","Message":"boom"}}"#, status: 500)
        case .okWithoutID?: return StubAzure.json(#"{"PipelineId":"p-1"}"#)
        case .badRequest?: return StubAzure.json(#"{"Error":{"Code":"BadExperiment","Message":"no"}}"#, status: 400)
        }
    }

    private func list(_ pipelineID: String) -> HTTPResponse {
        let (fail, runs) = state.withLock { state -> (Bool, [(id: String, tags: [String: String])]) in
            state.lists += 1
            state.listedPipelines.append(pipelineID)
            guard state.listFailures == 0 else {
                state.listFailures -= 1
                return (true, [])
            }
            return (false, state.runs)
        }
        if fail { return StubAzure.json(#"{"Error":{"Code":"InternalError","Message":"list down"}}"#, status: 500) }
        let items = [Self.runJSON("someone-elses", ["gateway_run_id": "another-gateway-run"])] + runs.map { Self.runJSON($0.id, $0.tags) }
        return StubAzure.json("[" + items.joined(separator: ",") + "]")
    }

    private static func runJSON(_ id: String, _ tags: [String: String]) -> String {
        let object: [String: Any] = [
            "Id": id, "PipelineId": "p-1", "RunHistoryExperimentName": "exp", "Status": ["StatusCode": 0], "tags": tags,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
