public import Foundation

/// A pipeline run as the rest of the gateway sees it.
public struct PipelineRun: Sendable, Hashable {
    /// The Azure run id.
    public var id: String
    public var pipelineID: String?
    public var experimentName: String?
    /// Azure's status name (`NotStarted`, `Running`, `Failed`, `Finished`, `Canceled`, or any other
    /// value Azure sent, unchanged). A run without a status is `NotStarted`, as the SDK reads it.
    public var status: String
    public var statusDetail: String?
    public var createdAt: Date?
    public var endedAt: Date?
    public var tags: [String: String]

    public init(
        id: String, pipelineID: String? = nil, experimentName: String? = nil, status: String = "NotStarted",
        statusDetail: String? = nil, createdAt: Date? = nil, endedAt: Date? = nil, tags: [String: String] = [:]
    ) {
        self.id = id
        self.pipelineID = pipelineID
        self.experimentName = experimentName
        self.status = status
        self.statusDetail = statusDetail
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.tags = tags
    }

    /// Whether the status can no longer change (`Finished`, `Failed`, `Canceled`).
    public var isTerminal: Bool {
        RunStatusCode(wireText: status).isTerminal
    }

    /// Builds the gateway's view of a run entity; nil when the entity carries no id.
    public init?(_ entity: PipelineRunEntity) {
        guard let id = entity.id, !id.isEmpty else { return nil }
        self.id = id
        pipelineID = entity.pipelineID
        experimentName = entity.runHistoryExperimentName
        status = (entity.status?.statusCode ?? .notStarted).name
        statusDetail = entity.status?.statusDetail
        createdAt = (entity.status?.creationTime).meaningful ?? entity.createdDate.meaningful
        endedAt = (entity.status?.endTime).meaningful
        tags = entity.tags ?? [:]
    }
}
