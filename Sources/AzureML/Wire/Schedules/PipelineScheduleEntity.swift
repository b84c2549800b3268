/// A v1 schedule as the pipelines service describes it (`GET {WS}/Schedules[/{id}]`, the answer to a
/// create or `PUT`) and as the SDK sends it back on update (reference §3.6, observed sheet §5).
///
/// The same type reads a `ScheduleCreationInfo` (the create body), which is this entity without the
/// service's read-only fields. Every field is optional and read leniently, because the SDK echoes enums
/// in whatever form it read them (ints become digit strings) and a PUT carries read-only fields as read.
/// Encoding leaves absent fields out, as msrest does, and writes enums as names, which the SDK reads.
public struct PipelineScheduleEntity: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    /// Exactly one of `pipelineID` and `pipelineEndpointID` names what the schedule runs.
    public var pipelineID: String?
    public var pipelineEndpointID: String?
    public var scheduleType: ScheduleType?
    public var provisioningStatus: ProvisioningStatus?
    public var entityStatus: EntityStatus?
    /// Experiment, description, parameters and DataPath assignments of every run the schedule starts.
    public var pipelineSubmissionInfo: PipelineSubmissionInfo?
    public var recurrence: ScheduleRecurrenceEntity?
    public var dataStoreTriggerInfo: DataStoreTriggerInfo?
    /// Travels only in the body (the SDK sends no `If-Match`).
    public var etag: String?
    /// Plain strings in the SDK model (never parsed as dates there), so they are kept as text.
    public var createdDate: String?
    public var lastModifiedDate: String?

    public init(
        id: String? = nil, name: String? = nil, pipelineID: String? = nil, pipelineEndpointID: String? = nil,
        scheduleType: ScheduleType? = nil, provisioningStatus: ProvisioningStatus? = nil, entityStatus: EntityStatus? = nil,
        pipelineSubmissionInfo: PipelineSubmissionInfo? = nil, recurrence: ScheduleRecurrenceEntity? = nil,
        dataStoreTriggerInfo: DataStoreTriggerInfo? = nil, etag: String? = nil, createdDate: String? = nil, lastModifiedDate: String? = nil
    ) {
        self.id = id
        self.name = name
        self.pipelineID = pipelineID
        self.pipelineEndpointID = pipelineEndpointID
        self.scheduleType = scheduleType
        self.provisioningStatus = provisioningStatus
        self.entityStatus = entityStatus
        self.pipelineSubmissionInfo = pipelineSubmissionInfo
        self.recurrence = recurrence
        self.dataStoreTriggerInfo = dataStoreTriggerInfo
        self.etag = etag
        self.createdDate = createdDate
        self.lastModifiedDate = lastModifiedDate
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case pipelineID = "PipelineId"
        case pipelineEndpointID = "PipelineEndpointId"
        case scheduleType = "ScheduleType"
        case provisioningStatus = "ProvisioningStatus"
        case entityStatus = "EntityStatus"
        case pipelineSubmissionInfo = "PipelineSubmissionInfo"
        case recurrence = "Recurrence"
        case dataStoreTriggerInfo = "DataStoreTriggerInfo"
        case etag = "Etag"
        case createdDate = "CreatedDate"
        case lastModifiedDate = "LastModifiedDate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.optional(String.self, .id)
        name = try container.optional(String.self, .name)
        pipelineID = try container.optional(String.self, .pipelineID)
        pipelineEndpointID = try container.optional(String.self, .pipelineEndpointID)
        scheduleType = try container.optional(ScheduleType.self, .scheduleType)
        provisioningStatus = try container.optional(ProvisioningStatus.self, .provisioningStatus)
        entityStatus = try container.optional(EntityStatus.self, .entityStatus)
        pipelineSubmissionInfo = try container.optional(PipelineSubmissionInfo.self, .pipelineSubmissionInfo)
        recurrence = try container.optional(ScheduleRecurrenceEntity.self, .recurrence)
        dataStoreTriggerInfo = try container.optional(DataStoreTriggerInfo.self, .dataStoreTriggerInfo)
        etag = try container.optional(String.self, .etag)
        createdDate = try container.lenientText(.createdDate)
        lastModifiedDate = try container.lenientText(.lastModifiedDate)
    }
}
