/// One kind of call the client makes. The names match the emulator's fault-injection operation names,
/// so metrics, logs and injected faults line up.
struct AzureMLOperation: Sendable, Hashable {
    var name: String
    var kind: RetryPolicy.RequestKind

    static let listPipelines = AzureMLOperation(name: "list_pipelines", kind: .idempotent)
    static let getPipeline = AzureMLOperation(name: "get_pipeline", kind: .idempotent)
    static let setPipelineStatus = AzureMLOperation(name: "set_pipeline_status", kind: .idempotent)
    static let getGraphInterface = AzureMLOperation(name: "get_graph_interface", kind: .idempotent)
    static let submit = AzureMLOperation(name: "submit", kind: .submit)
    static let getRun = AzureMLOperation(name: "get_run", kind: .idempotent)
    /// Cancelling is safe to repeat: a second cancel of a cancelled run changes nothing.
    static let cancelRun = AzureMLOperation(name: "cancel_run", kind: .idempotent)
    static let listPipelineRuns = AzureMLOperation(name: "list_pipeline_runs", kind: .idempotent)
    static let getPipelineEndpoint = AzureMLOperation(name: "get_pipeline_endpoint", kind: .idempotent)
    static let listPipelineEndpoints = AzureMLOperation(name: "list_pipeline_endpoints", kind: .idempotent)
    /// Submitting through an endpoint creates a run exactly like `submit`, so it is retried as rarely.
    static let submitEndpoint = AzureMLOperation(name: "submit_endpoint", kind: .submit)
    static let listSchedules = AzureMLOperation(name: "list_schedules", kind: .idempotent)
    static let getSchedule = AzureMLOperation(name: "get_schedule", kind: .idempotent)
    /// A PUT of the whole entity with a new status: repeating it leaves the same schedule.
    static let putSchedule = AzureMLOperation(name: "put_schedule", kind: .idempotent)
}
