import HTTPServer

/// Published pipelines on the pipelines service paths: list, get, status change, graph interface.
struct PipelineRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        let ws = WorkspaceScope.pipelinesRoute
        router.on(.GET, ws + "/Pipelines") { request in
            gate.service(.listPipelines, request) { request, _ throws(AzureError) in try list(request) }
        }
        router.on(.GET, ws + "/Pipelines/{pipelineId}") { request in
            gate.service(.getPipeline, request) { request, _ throws(AzureError) in try get(request) }
        }
        router.on(.PUT, ws + "/Pipelines/{pipelineId}/status") { request in
            gate.service(.setPipelineStatus, request) { request, _ throws(AzureError) in try setStatus(request) }
        }
        router.on(.GET, ws + "/Graphs/{graphId}/Interface") { request in
            gate.service(.getGraphInterface, request) { request, _ throws(AzureError) in try interface(request) }
        }
    }

    /// A plain JSON array (the SDK fails on any wrapper); `activeOnly=true` keeps Active ones only.
    private func list(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let activeOnly = try ActiveOnlyQuery.read(request)
        let style = services.style(for: request)
        let pipelines = services.registry.pipelines().filter { !activeOnly || $0.status == .active }
        return HTTPResponse.json(.ok, JSONValue.array(pipelines.map { $0.wire(style) }).serialized)
    }

    private func get(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let pipeline = try Self.pipeline(request, services)
        return HTTPResponse.json(.ok, pipeline.wire(services.style(for: request)).serialized)
    }

    /// The body is a bare JSON string, `"Active"`, `"Disabled"` or `"Deprecated"` (digit strings and
    /// integers too, since clients echo enums in the form they read). 200 with an empty body: the
    /// SDK treats anything but 200 as failure.
    private func setStatus(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        guard let raw = JSONValue.parse(request.body), let status = EntityStatus(wire: raw) else {
            throw .badRequest(
                "InvalidEntityStatus",
                "The body must be a JSON string naming the new status: \(EntityStatus.wireNames); got '\(String(decoding: request.body.prefix(100), as: UTF8.self))'.")
        }
        let pipelineID = request.pathParameters["pipelineId"] ?? ""
        guard services.registry.setStatus(pipelineID: pipelineID, status, at: services.clock()) else {
            throw Self.notFound(pipelineID)
        }
        return HTTPResponse(status: .ok)
    }

    private func interface(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let graphID = request.pathParameters["graphId"] ?? ""
        guard let pipeline = services.registry.pipeline(graphID: graphID) else {
            throw .notFound("GraphNotFound", "Graph \(graphID) was not found in the workspace.")
        }
        return HTTPResponse.json(.ok, pipeline.interfaceWire.serialized)
    }

    static func pipeline(_ request: HTTPRequest, _ services: EmulatorServices) throws(AzureError) -> EmulatedPipeline {
        let id = request.pathParameters["pipelineId"] ?? ""
        guard let pipeline = services.registry.pipeline(id: id) else { throw notFound(id) }
        return pipeline
    }

    static func notFound(_ pipelineID: String) -> AzureError {
        .notFound("PipelineNotFound", "Pipeline \(pipelineID) was not found in the workspace.")
    }
}
