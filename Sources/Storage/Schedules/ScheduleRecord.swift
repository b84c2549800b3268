public import Foundation

/// One stored schedule. Its definition (pipeline parameters, the trigger, catchup and overlap
/// policies…) is kept as the JSON text of the API resource, so the store never needs to understand a
/// trigger; the columns are what the store must filter, order or compare on.
public struct ScheduleRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The published pipeline it runs; empty when it runs a pipeline endpoint instead.
    public var pipelineID: String
    /// The pipeline endpoint it runs (its pinned version, if any, is in `definition`); nil when it
    /// runs a published pipeline. A column so schedules can be listed by endpoint.
    public var pipelineEndpointID: String?
    /// `Active` or `Disabled`.
    public var status: String
    /// The schedule's fields as JSON object text (everything the API shows that has no column here).
    public var definition: String
    /// Bumped by every update; the API's `ETag`, compared on `If-Match`.
    public var version: Int64
    public var createdBy: String?
    public var updatedBy: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var lastFireAt: Date?
    public var lastOutcome: String?
    public var nextFireAt: Date?

    public init(
        id: String, name: String, pipelineID: String, status: String, definition: String, version: Int64 = 1, createdBy: String? = nil,
        updatedBy: String? = nil, createdAt: Date, updatedAt: Date? = nil, lastFireAt: Date? = nil, lastOutcome: String? = nil,
        nextFireAt: Date? = nil, pipelineEndpointID: String? = nil
    ) {
        self.pipelineEndpointID = pipelineEndpointID
        self.id = id
        self.name = name
        self.pipelineID = pipelineID
        self.status = status
        self.definition = definition
        self.version = version
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.lastFireAt = lastFireAt
        self.lastOutcome = lastOutcome
        self.nextFireAt = nextFireAt
    }

    public var isActive: Bool { status == "Active" }
}

/// What replacing a schedule found.
public enum ScheduleUpdateOutcome: Sendable, Equatable {
    /// Stored; the record as it is now (with its new version).
    case updated(ScheduleRecord)
    /// The stored version is not the one the caller read (`If-Match` is stale); nothing changed.
    case stale(current: ScheduleRecord)
    case notFound
}
