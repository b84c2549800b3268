import HTTPServer

/// Pipeline endpoints on the pipelines service paths, as the SDK calls them (observed sheet §6):
/// create (`PipelineEndpoint.publish`), get by id and by name, list (at most `BatchSize`), the
/// pipelines of one, and the whole-entity `PUT` of `disable()` and `set_default`. Submitting through
/// an endpoint is a run operation (`PipelineRunRoutes`).
struct PipelineEndpointRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        let ws = WorkspaceScope.pipelinesRoute
        router.on(.POST, ws + "/PipelineEndpoints/Create") { request in
            gate.service(.createPipelineEndpoint, request) { request, _ throws(AzureError) in try create(request) }
        }
        router.on(.GET, ws + "/PipelineEndpoints") { request in
            gate.service(.listPipelineEndpoints, request) { request, _ throws(AzureError) in try list(request) }
        }
        router.on(.GET, ws + "/PipelineEndpoints/Id/{endpointId}") { request in
            gate.service(.getPipelineEndpoint, request) { request, _ throws(AzureError) in
                respond(try Self.endpoint(request, services), request)
            }
        }
        router.on(.GET, ws + "/PipelineEndpoints/Name") { request in
            gate.service(.getPipelineEndpoint, request) { request, _ throws(AzureError) in try byName(request) }
        }
        router.on(.GET, ws + "/PipelineEndpoints/{endpointId}/pipelines") { request in
            gate.service(.listPipelineEndpointPipelines, request) { request, _ throws(AzureError) in try pipelines(request) }
        }
        router.on(.PUT, ws + "/PipelineEndpoints/{endpointId}") { request in
            gate.service(.putPipelineEndpoint, request) { request, _ throws(AzureError) in try put(request) }
        }
    }

    /// 200 with the new endpoint (the SDK treats 201 as a failure); version "0" is the pipeline.
    private func create(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let endpoint = try PipelineEndpointSpec.created(from: request.body, pipelines: services.registry, now: services.clock())
        try Self.add(endpoint, services)
        return respond(endpoint, request)
    }

    /// A plain array, oldest first; `activeOnly=true` keeps Active ones; header `BatchSize` (the
    /// SDK's `max_results`, default 100) caps how many come back.
    private func list(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let activeOnly = try ActiveOnlyQuery.read(request)
        var limit = Int.max
        if let raw = request.headers["BatchSize"] {
            guard let value = Int(raw.trimmingCharacters(in: .whitespaces)), value > 0 else {
                throw .badRequest("InvalidBatchSize", "Header BatchSize must be a positive integer; got '\(raw)'.")
            }
            limit = value
        }
        let style = services.style(for: request)
        let endpoints = services.endpoints.endpoints().filter { !activeOnly || $0.status == .active }.prefix(limit)
        return HTTPResponse.json(.ok, JSONValue.array(endpoints.map { $0.wire(style) }).serialized)
    }

    private func byName(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        guard let name = request.query("Name") ?? request.query("name"), !name.isEmpty else {
            throw .badRequest("MissingName", "Query parameter Name is required.")
        }
        guard let endpoint = services.endpoints.endpoint(name: name) else {
            throw .notFound("PipelineEndpointNotFound", "No pipeline endpoint named '\(name)' in the workspace.")
        }
        return respond(endpoint, request)
    }

    /// The published pipelines of the endpoint's versions, in version order (`activeOnly` filters).
    private func pipelines(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let endpoint = try Self.endpoint(request, services)
        let activeOnly = try ActiveOnlyQuery.read(request)
        let style = services.style(for: request)
        let pipelines = endpoint.versions.compactMap { services.registry.pipeline(id: $0.pipelineID) }.filter { !activeOnly || $0.status == .active }
        return HTTPResponse.json(.ok, JSONValue.array(pipelines.map { $0.wire(style) }).serialized)
    }

    /// The SDK reads the entity, changes it and sends all of it back; 200 with the stored entity.
    private func put(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let id = request.pathParameters["endpointId"] ?? ""
        let now = services.clock()
        let registry = services.registry
        let updated = try services.endpoints.update(id: id) { endpoint throws(AzureError) in
            try PipelineEndpointSpec.apply(entity: request.body, to: &endpoint, pipelines: registry, now: now)
        }
        guard let updated else { throw Self.notFound(id) }
        return respond(updated, request)
    }

    private func respond(_ endpoint: EmulatedPipelineEndpoint, _ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse.json(.ok, endpoint.wire(services.style(for: request)).serialized)
    }

    /// Adds an endpoint, turning a taken id or name into Azure's conflict answer.
    static func add(_ endpoint: EmulatedPipelineEndpoint, _ services: EmulatorServices) throws(AzureError) {
        do {
            try services.endpoints.add(endpoint)
        } catch {
            let what = error == .id ? "id \(endpoint.id)" : "name '\(endpoint.name)'"
            throw AzureError(status: .conflict, code: "PipelineEndpointExists", message: "A pipeline endpoint with \(what) already exists.")
        }
    }

    static func endpoint(_ request: HTTPRequest, _ services: EmulatorServices) throws(AzureError) -> EmulatedPipelineEndpoint {
        let id = request.pathParameters["endpointId"] ?? ""
        guard let endpoint = services.endpoints.endpoint(id: id) else { throw notFound(id) }
        return endpoint
    }

    static func notFound(_ id: String) -> AzureError {
        .notFound("PipelineEndpointNotFound", "Pipeline endpoint \(id) was not found in the workspace.")
    }
}
