/// The operations the emulator serves, by the names faults and the call log use (DESIGN.md's
/// admin table). Later slices add theirs (`get_datastore`, `list_blobs`, `put_blob`, schedules,
/// pipeline endpoints) here and in a route group.
enum EmulatedOperation: String, Sendable, CaseIterable {
    /// Every token endpoint: v2, v1, managed identity, IMDS.
    case token
    case listPipelines = "list_pipelines"
    case getPipeline = "get_pipeline"
    case getGraphInterface = "get_graph_interface"
    case setPipelineStatus = "set_pipeline_status"
    case submit
    case listPipelineRuns = "list_pipeline_runs"
    case getRun = "get_run"
    /// `DELETE …/PipelineRuns/{id}/Execution`; not in DESIGN.md's fault list, named here so the
    /// call log can show cancels and tests can fail them too.
    case cancelRun = "cancel_run"

    /// Token endpoints answer errors in Azure AD's snake_case shape, services in Azure's PascalCase.
    var isIdentity: Bool { self == .token }

    /// Only a submit creates something that an ambiguous failure could leave behind.
    var supportsAfterAccept: Bool { self == .submit }
}
