import Foundation

extension AzureMLClient {
    /// One pipeline endpoint (`GET {WS}/PipelineEndpoints/Id/{id}`), with its versions and status.
    public func pipelineEndpoint(id: String) async throws(AzureMLError) -> PipelineEndpoint {
        try await pipelineEndpoint(id: id, budget: nil)
    }

    /// The endpoint, within `budget` when it is shorter than the read deadline (reconciling).
    func pipelineEndpoint(id: String, budget: Duration?) async throws(AzureMLError) -> PipelineEndpoint {
        let operation = AzureMLOperation.getPipelineEndpoint
        let answer = try await send(operation, method: "GET", path: ["PipelineEndpoints", "Id", id], budget: budget)
        var entity = try decode(PipelineEndpointEntity.self, from: answer, operation)
        if entity.id?.isEmpty ?? true { entity.id = id }
        guard let endpoint = PipelineEndpoint(entity, defaultEndpoint: endpointSubmitURL(id:)) else {
            throw malformed("the pipeline endpoint has no usable submit URL", answer, operation)
        }
        return endpoint
    }

    /// The workspace's pipeline endpoints (`GET {WS}/PipelineEndpoints?activeOnly=…`), at most
    /// `batchSize` of them: the service caps the plain-array answer by the `BatchSize` header, which
    /// `PipelineEndpoint.list` sends as its `max_results` (default 100).
    public func listPipelineEndpoints(activeOnly: Bool, batchSize: Int = 100) async throws(AzureMLError) -> [PipelineEndpoint] {
        let operation = AzureMLOperation.listPipelineEndpoints
        let answer = try await send(
            operation, method: "GET", path: ["PipelineEndpoints"], query: [("activeOnly", activeOnly ? "true" : "false")],
            headers: ["BatchSize": String(max(1, batchSize))])
        return try decodeList(PipelineEndpointEntity.self, from: answer, operation, item: "pipeline endpoint") {
            PipelineEndpoint($0, defaultEndpoint: endpointSubmitURL(id:))
        }
    }

    /// The REST submit URL of an endpoint, used when the service does not send one (`Url`).
    func endpointSubmitURL(id: String) -> URL? {
        try? workspaceURL(SubmitTarget.endpoint(id: id, version: nil).request.path, operation: AzureMLOperation.getPipelineEndpoint.name)
    }
}
