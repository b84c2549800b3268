import Foundation

extension AzureMLClient {
    /// Published pipelines of the workspace (`GET {WS}/Pipelines?activeOnly=…`); with `activeOnly`,
    /// only those whose status is Active.
    public func listPipelines(activeOnly: Bool) async throws(AzureMLError) -> [PublishedPipeline] {
        let operation = AzureMLOperation.listPipelines
        let answer = try await send(
            operation, method: "GET", path: ["Pipelines"], query: [("activeOnly", activeOnly ? "true" : "false")]
        )
        return try decodeList(PipelineEntity.self, from: answer, operation, item: "pipeline") {
            PublishedPipeline($0, defaultEndpoint: submitEndpoint(pipelineID:))
        }
    }

    /// One published pipeline (`GET {WS}/Pipelines/{id}`).
    public func pipeline(id: String) async throws(AzureMLError) -> PublishedPipeline {
        let operation = AzureMLOperation.getPipeline
        let answer = try await send(operation, method: "GET", path: ["Pipelines", id])
        var entity = try decode(PipelineEntity.self, from: answer, operation)
        if entity.id?.isEmpty ?? true { entity.id = id }
        guard let pipeline = PublishedPipeline(entity, defaultEndpoint: submitEndpoint(pipelineID:)) else {
            throw malformed("the pipeline has no usable endpoint", answer, operation)
        }
        return pipeline
    }

    /// Enables, disables or deprecates a published pipeline (`PUT {WS}/Pipelines/{id}/status` with the
    /// bare JSON string `"Active"`/`"Disabled"`/`"Deprecated"`, as the SDK sends it). Only 200 counts
    /// as success, as in the SDK.
    public func setPipelineStatus(id: String, _ status: PipelineStatus) async throws(AzureMLError) {
        let operation = AzureMLOperation.setPipelineStatus
        if case .unknown(let raw) = status {
            throw AzureMLError(
                code: .badRequest,
                message: "status '\(raw)' cannot be set; use Active, Deprecated or Disabled",
                operation: operation.name
            )
        }
        _ = try await send(
            operation, method: "PUT", path: ["Pipelines", id, "status"],
            body: Data("\"\(status.name)\"".utf8),
            contentType: "application/json-patch+json; charset=utf-8"
        )
    }

    /// The declared parameters of a pipeline graph (`GET {WS}/Graphs/{graphId}/Interface`).
    public func interface(graphID: String) async throws(AzureMLError) -> PipelineInterface {
        let operation = AzureMLOperation.getGraphInterface
        let answer = try await send(operation, method: "GET", path: ["Graphs", graphID, "Interface"])
        return PipelineInterface(try decode(EntityInterface.self, from: answer, operation))
    }

    /// A plain-array answer decoded as `Entity`s and each made into the gateway's view; an item that
    /// cannot be (no id) makes the whole answer malformed, naming its index.
    func decodeList<Entity: Decodable, Model>(
        _ type: Entity.Type, from answer: AzureMLAnswer, _ operation: AzureMLOperation, item: String, _ make: (Entity) -> Model?
    ) throws(AzureMLError) -> [Model] {
        let entities = try decode([Entity].self, from: answer, operation)
        var models: [Model] = []
        models.reserveCapacity(entities.count)
        for (index, entity) in entities.enumerated() {
            guard let model = make(entity) else { throw malformed("\(item) \(index) of the list has no Id", answer, operation) }
            models.append(model)
        }
        return models
    }

    func malformed(_ message: String, _ answer: AzureMLAnswer, _ operation: AzureMLOperation) -> AzureMLError {
        AzureMLError(
            code: .malformedResponse,
            statusCode: answer.response.status,
            message: message,
            clientRequestID: answer.clientRequestID,
            operation: operation.name,
            mayHaveBeenProcessed: operation.kind == .submit
        )
    }
}
