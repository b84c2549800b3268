/// What a submission runs: a published pipeline by id, or a pipeline endpoint — its pinned version,
/// or (version nil) whatever its default is when Azure receives the submission.
public enum SubmitTarget: Sendable, Hashable, CustomStringConvertible {
    case pipeline(id: String)
    case endpoint(id: String, version: String?)

    public var description: String {
        switch self {
        case .pipeline(let id): "pipeline \(id)"
        case .endpoint(let id, let version?): "pipeline endpoint \(id) version \(version)"
        case .endpoint(let id, nil): "pipeline endpoint \(id) (default version)"
        }
    }

    var operation: AzureMLOperation {
        switch self {
        case .pipeline: .submit
        case .endpoint: .submitEndpoint
        }
    }

    /// Path after `{WS}` and query, as the 1.62 SDK sends them: a pinned endpoint version goes in
    /// the path and in `pipelineVersion`.
    var request: (path: [String], query: [(String, String)]) {
        switch self {
        case .pipeline(let id):
            (["PipelineRuns", "PipelineSubmit", id], [])
        case .endpoint(let id, let version?):
            (["PipelineRuns", "PipelineEndpointSubmit", "Id", id, version], [("pipelineVersion", version)])
        case .endpoint(let id, nil):
            (["PipelineRuns", "PipelineEndpointSubmit", "Id", id], [])
        }
    }
}
