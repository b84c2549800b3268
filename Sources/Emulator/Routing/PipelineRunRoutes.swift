import HTTPServer

/// Pipeline runs: submit (to a pipeline, or through a pipeline endpoint), get, runs of a pipeline
/// (for reconciling), cancel.
struct PipelineRunRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        let ws = WorkspaceScope.pipelinesRoute
        router.on(.POST, ws + "/PipelineRuns/PipelineSubmit/{pipelineId}") { request in
            gate.service(.submit, request) { request, caller throws(AzureError) in
                try submit(request, caller, pipelineID: request.pathParameters["pipelineId"] ?? "")
            }
        }
        // The 1.62 SDK puts a pinned version in the path and in `?pipelineVersion=`; either works.
        for route in ["/PipelineRuns/PipelineEndpointSubmit/Id/{endpointId}", "/PipelineRuns/PipelineEndpointSubmit/Id/{endpointId}/{version}"] {
            router.on(.POST, ws + route) { request in
                gate.service(.submitEndpoint, request) { request, caller throws(AzureError) in try submitEndpoint(request, caller) }
            }
        }
        router.on(.GET, ws + "/PipelineRuns/{runId}") { request in
            gate.service(.getRun, request) { request, _ throws(AzureError) in try get(request) }
        }
        router.on(.GET, ws + "/PipelineRuns/Pipeline/{pipelineId}") { request in
            gate.service(.listPipelineRuns, request) { request, _ throws(AzureError) in try listForPipeline(request) }
        }
        router.on(.DELETE, ws + "/PipelineRuns/{runId}/Execution") { request in
            gate.service(.cancelRun, request) { request, _ throws(AzureError) in try cancel(request) }
        }
    }

    /// Validates and records a run; 200 with the `PipelineRunEntity` (the SDK refuses 201).
    private func submit(_ request: HTTPRequest, _ caller: Caller, pipelineID: String) throws(AzureError) -> HTTPResponse {
        let parsed = Result { () throws(AzureError) in try SubmissionInfo(body: request.body) }
        let run = try services.recordRun(
            pipelineID: pipelineID, parsed, caller: caller, parentRunID: request.query("parentRunId"), at: services.clock())
        return respond(run, request)
    }

    /// Runs the endpoint's pinned version (path or `pipelineVersion`), else its default version, with
    /// the same validation and run lifecycle as a pipeline submit. Only an Active endpoint takes runs.
    private func submitEndpoint(_ request: HTTPRequest, _ caller: Caller) throws(AzureError) -> HTTPResponse {
        let endpoint = try PipelineEndpointRoutes.endpoint(request, services)
        let pathVersion = request.pathParameters["version"]
        let queryVersion = request.query("pipelineVersion").flatMap { $0.isEmpty ? nil : $0 }
        if let pathVersion, let queryVersion, pathVersion != queryVersion {
            throw .badRequest("InvalidPipelineVersion", "The path names version '\(pathVersion)' but pipelineVersion is '\(queryVersion)'.")
        }
        guard endpoint.status == .active else {
            throw .badRequest(
                "PipelineEndpointNotActive", "Pipeline endpoint \(endpoint.id) is \(endpoint.status.wireName); only Active endpoints take runs.")
        }
        let version = pathVersion ?? queryVersion
        guard let pipelineID = endpoint.pipelineID(forVersion: version) else {
            throw .notFound(
                "PipelineVersionNotFound",
                "Pipeline endpoint \(endpoint.id) has no version '\(version ?? endpoint.defaultVersion)'; versions: "
                    + endpoint.versions.map(\.version).joined(separator: ", ") + ".")
        }
        return try submit(request, caller, pipelineID: pipelineID)
    }

    private func get(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let runID = request.pathParameters["runId"] ?? ""
        guard let run = services.registry.run(id: runID) else { throw Self.notFound(runID) }
        return respond(run, request)
    }

    /// A plain array, oldest first; an unknown pipeline is a 404 like every other pipeline lookup.
    private func listForPipeline(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let pipeline = try PipelineRoutes.pipeline(request, services)
        return HTTPResponse.json(.ok, services.wire(services.registry.runs(pipelineID: pipeline.id), for: request).serialized)
    }

    /// Cancels a run that has not ended (a finished, failed or canceled run keeps its status);
    /// 200 with an empty body either way, as the SDK expects.
    private func cancel(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let runID = request.pathParameters["runId"] ?? ""
        let now = services.clock()
        let runSeconds = services.configuration.runSeconds
        let updated = services.registry.updateRun(id: runID) { run in
            guard !run.status(at: now, runSeconds: runSeconds).code.isTerminal else { return }
            run.override = EmulatedRun.StatusOverride(code: .canceled, detail: "Canceled by request", at: now)
            run.etag = EmulatedPipeline.newETag()
        }
        guard updated != nil else { throw Self.notFound(runID) }
        return HTTPResponse(status: .ok)
    }

    private func respond(_ run: EmulatedRun, _ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse.json(.ok, services.wire(run, for: request).serialized)
    }

    static func notFound(_ runID: String) -> AzureError {
        .notFound("PipelineRunNotFound", "Pipeline run \(runID) was not found in the workspace.")
    }
}
