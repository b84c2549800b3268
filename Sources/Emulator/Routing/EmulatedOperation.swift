/// The operations the emulator serves, by the names faults and the call log use (DESIGN.md's
/// admin table). A new surface adds its names here and its routes in a route group.
enum EmulatedOperation: String, Sendable, CaseIterable {
    /// Every token endpoint: v2, v1, managed identity, IMDS.
    case token
    case listPipelines = "list_pipelines"
    case getPipeline = "get_pipeline"
    case getGraphInterface = "get_graph_interface"
    case setPipelineStatus = "set_pipeline_status"
    case submit
    /// The runs of a pipeline (for reconciling), and the runs and last run of a v1 schedule.
    case listPipelineRuns = "list_pipeline_runs"
    case getRun = "get_run"
    /// `DELETE …/PipelineRuns/{id}/Execution`; not in DESIGN.md's fault list, named here so the
    /// call log can show cancels and tests can fail them too.
    case cancelRun = "cancel_run"
    /// Pipeline endpoints: `PipelineEndpoint.publish` (create), get by id or name, list, the
    /// pipelines of one, the SDK's whole-entity `PUT`, and `PipelineEndpointSubmit`.
    case createPipelineEndpoint = "create_pipeline_endpoint"
    case getPipelineEndpoint = "get_pipeline_endpoint"
    case listPipelineEndpoints = "list_pipeline_endpoints"
    case listPipelineEndpointPipelines = "list_pipeline_endpoint_pipelines"
    case putPipelineEndpoint = "put_pipeline_endpoint"
    case submitEndpoint = "submit_endpoint"
    /// v1 schedules: `Schedules/Create`, the three lists (all, by pipeline, by endpoint), get by id,
    /// and the SDK's whole-entity `PUT` (`enable`, `disable`, `update`).
    case createSchedule = "create_schedule"
    case listSchedules = "list_schedules"
    case getSchedule = "get_schedule"
    case putSchedule = "put_schedule"
    /// What the Azure ML SDK v1 needs besides the pipelines calls (shared/reference/azureml-sdk-observed.md):
    /// the ARM workspace GET, the discovery document, DataTypes, and the run-history subset.
    case getWorkspace = "get_workspace"
    case getDiscovery = "get_discovery"
    case listDataTypes = "list_data_types"
    case createDataType = "create_data_type"
    case getExperiment = "get_experiment"
    case createExperiment = "create_experiment"
    case getHistoryRun = "get_history_run"
    case getRunDetails = "get_run_details"
    case listRunArtifacts = "list_run_artifacts"
    /// The workspace datastore lookup, and Blob Storage's List Blobs and Put Blob.
    case getDatastore = "get_datastore"
    case listBlobs = "list_blobs"
    case putBlob = "put_blob"
    /// Not a call the emulator answers but one it makes: each attempt to deliver an Event Grid event
    /// to a subscriber, recorded with the subscriber's answer.
    case eventGridDelivery = "eventgrid_delivery"

    /// Token endpoints answer errors in Azure AD's snake_case shape, services in Azure's PascalCase.
    var isIdentity: Bool { self == .token }

    /// Calls the emulator makes rather than answers; they record the answer they got, and the
    /// fault plan (which shapes the emulator's own answers) cannot target them.
    var isOutbound: Bool { self == .eventGridDelivery }

    /// Only a submit (to a pipeline or through an endpoint) creates something that an ambiguous
    /// failure could leave behind.
    var supportsAfterAccept: Bool { self == .submit || self == .submitEndpoint }
}
