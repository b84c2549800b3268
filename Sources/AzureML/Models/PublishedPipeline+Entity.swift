public import Foundation

extension PublishedPipeline {
    /// Builds the gateway's view of a pipeline entity; nil when the entity has no id.
    ///
    /// - Parameter defaultEndpoint: The submit URL to use when the entity has no (valid) `Url`.
    public init?(_ entity: PipelineEntity, defaultEndpoint: (String) -> URL?) {
        guard let id = entity.id, !id.isEmpty,
            let endpoint = entity.url.flatMap({ URL(string: $0) }) ?? defaultEndpoint(id)
        else { return nil }
        self.init(
            id: id,
            name: entity.name ?? "",
            description: entity.description,
            version: entity.version,
            status: PipelineStatus(entity.entityStatus),
            endpoint: endpoint,
            graphID: entity.graphID,
            parameterDefaults: entity.parameterAssignments ?? [:],
            createdAt: entity.createdDate.meaningful
        )
    }
}
