import HTTPServer

/// The subset of the run-history service behind a `PipelineRun` of the SDK, under
/// `{history}/history/v1.0{scope}`: experiments by name (GET, and POST to create, which the SDK
/// does after a 404), and each pipeline run by experiment name or experiment id, with its
/// details. Every submitted run is registered here at once (`PipelineRunRoutes`), so `submit`
/// can read the run back; a run created some other way is registered at its first lookup.
/// camelCase bodies; errors `{"error":{"code","message","details":[]}}`.
struct RunHistoryRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    static let route = "/history/v1.0" + WorkspaceScope.routeScope

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        let rh = Self.route
        router.on(.GET, rh + "/experiments/{experimentName}") { request in
            serve(.getExperiment, request) { request throws(AzureError) in try getExperiment(request) }
        }
        router.on(.POST, rh + "/experiments/{experimentName}") { request in
            serve(.createExperiment, request) { request throws(AzureError) in try createExperiment(request) }
        }
        router.on(.GET, rh + "/experiments/{experimentName}/runs/{runId}") { request in
            serve(.getHistoryRun, request) { request throws(AzureError) in try runByName(request, details: false) }
        }
        router.on(.GET, rh + "/experiments/{experimentName}/runs/{runId}/details") { request in
            serve(.getRunDetails, request) { request throws(AzureError) in try runByName(request, details: true) }
        }
        router.on(.GET, rh + "/experimentids/{experimentId}/runs/{runId}") { request in
            serve(.getHistoryRun, request) { request throws(AzureError) in try runByID(request, details: false) }
        }
        router.on(.GET, rh + "/experimentids/{experimentId}/runs/{runId}/details") { request in
            serve(.getRunDetails, request) { request throws(AzureError) in try runByID(request, details: true) }
        }
    }

    private func serve(
        _ operation: EmulatedOperation, _ request: HTTPRequest, _ body: @escaping @Sendable (HTTPRequest) throws(AzureError) -> HTTPResponse
    ) -> HTTPReply {
        LowercaseAzureError.restyle(gate.service(operation, request) { request, _ throws(AzureError) in try body(request) })
    }

    private func getExperiment(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let name = request.pathParameters["experimentName"] ?? ""
        guard let experiment = services.runHistory.experiment(named: name) else { throw Self.experimentNotFound(name) }
        return HTTPResponse.json(.ok, experiment.wire.serialized)
    }

    /// Creates the experiment, or answers the existing one: 200 with `ExperimentDto` either way.
    private func createExperiment(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let name = request.pathParameters["experimentName"] ?? ""
        guard ExperimentName.isValid(name) else {
            throw .badRequest("InvalidExperimentName", "Experiment name '\(name)' is invalid. \(ExperimentName.rule)")
        }
        let (experiment, created) = services.runHistory.createExperiment(named: name, now: services.clock())
        if created { services.logger.debug("emulator experiment created", ["experiment": .string(name)]) }
        return HTTPResponse.json(.ok, experiment.wire.serialized)
    }

    private func runByName(_ request: HTTPRequest, details: Bool) throws(AzureError) -> HTTPResponse {
        let name = request.pathParameters["experimentName"] ?? ""
        return try answer(request, experimentName: name, details: details)
    }

    private func runByID(_ request: HTTPRequest, details: Bool) throws(AzureError) -> HTTPResponse {
        let id = request.pathParameters["experimentId"] ?? ""
        guard let experiment = services.runHistory.experiment(id: id) else {
            throw .notFound("ExperimentNotFound", "Experiment with id \(id) was not found in the workspace.")
        }
        return try answer(request, experimentName: experiment.name, details: details)
    }

    /// The run of `experimentName` named in the path, as `RunDto` or `RunDetailsDto`.
    private func answer(_ request: HTTPRequest, experimentName: String, details: Bool) throws(AzureError) -> HTTPResponse {
        let runID = request.pathParameters["runId"] ?? ""
        guard let run = services.registry.run(id: runID), run.experimentName.lowercased() == experimentName.lowercased() else {
            throw .notFound("RunNotFound", "Run \(runID) was not found in experiment \(experimentName).")
        }
        let now = services.clock()
        let entry = services.runHistory.register(runID: run.id, experimentName: run.experimentName, now: now)
        let runSeconds = services.configuration.runSeconds
        let wire = details ? run.detailsWire(entry, now: now, runSeconds: runSeconds) : run.historyWire(entry, now: now, runSeconds: runSeconds)
        return HTTPResponse.json(.ok, wire.serialized)
    }

    static func experimentNotFound(_ name: String) -> AzureError {
        .notFound("ExperimentNotFound", "Experiment \(name) was not found in the workspace.")
    }
}
