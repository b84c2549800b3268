public import Foundation

/// What an update may change in a stored run: the outcome of a submission or of a status refresh.
/// Fields left nil are kept as stored.
public struct RunChange: Sendable, Equatable {
    /// The published pipeline Azure says the run belongs to, for a run submitted through a pipeline
    /// endpoint before the gateway knew which version's pipeline it would run.
    public var pipelineID: String?
    public var status: String?
    public var azureRunID: String?
    public var error: String?
    /// `.some(nil)` clears the refresh time (the run became final).
    public var nextRefreshAt: Date??
    public var updatedAt: Date

    public init(
        pipelineID: String? = nil, status: String? = nil, azureRunID: String? = nil, error: String? = nil, nextRefreshAt: Date?? = nil,
        updatedAt: Date
    ) {
        self.pipelineID = pipelineID
        self.status = status
        self.azureRunID = azureRunID
        self.error = error
        self.nextRefreshAt = nextRefreshAt
        self.updatedAt = updatedAt
    }
}
