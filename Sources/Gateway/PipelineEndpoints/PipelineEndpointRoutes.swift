import AzureML
import HTTPServer

/// `/v1/pipeline-endpoints`: the workspace's pipeline endpoints, read from Azure ML each time (a
/// default version changes there), and triggering one — the same trigger as a pipeline's, validated
/// against the chosen version's declared parameters.
enum PipelineEndpointRoutes {
    static let runsRoute = "/v1/pipeline-endpoints/{endpoint_id}/runs"

    static func register(on router: inout Router, backend: AzureMLBackend, trigger: TriggerHandler) {
        router.on(.GET, "/v1/pipeline-endpoints", async: { request in try await list(request, backend: backend) })
        router.on(.GET, "/v1/pipeline-endpoints/{endpoint_id}", async: { request in
            let id = request.pathParameters["endpoint_id"] ?? ""
            let client = try backend.client()
            let endpoint: PipelineEndpoint
            do throws(AzureMLError) {
                endpoint = try await client.pipelineEndpoint(id: id)
            } catch {
                throw UpstreamProblem.error(error, notFound: "No pipeline endpoint with id '\(id)' in the workspace.")
            }
            // A fresh read is as good as any lookup a trigger would make: keep it for them.
            backend.definitions.endpoints.store(endpoint, for: id)
            return try JSONResponse.make(.ok, PipelineEndpointResource(endpoint))
        })
        router.on(.POST, runsRoute, handler: { request in try trigger.handle(request, shape: .v1) })
    }

    /// Active endpoints unless `?status=` says otherwise, sorted by name, paged like `/v1/pipelines`.
    /// Azure answers at most `BatchSize` endpoints and has no continuation, so the gateway asks for
    /// the most it pages over.
    static func list(_ request: HTTPRequest, backend: AzureMLBackend) async throws -> HTTPResponse {
        let filter = try PipelineRoutes.StatusFilter(request)
        let query = try ListQuery(request)
        let client = try backend.client()
        let endpoints: [PipelineEndpoint]
        do {
            endpoints = try await client.listPipelineEndpoints(activeOnly: filter.isActiveOnly, batchSize: maxListed)
        } catch {
            throw UpstreamProblem.error(error)
        }
        let page = query.page(filter.selected(endpoints, status: \.status.name, name: \.name, id: \.id))
        return try JSONResponse.make(.ok, ListPage(items: page.items.map(PipelineEndpointResource.init), nextCursor: page.nextCursor))
    }

    /// How many endpoints one listing reads from Azure.
    static let maxListed = 1_000
}
