/// A pipeline run as the pipelines service describes it: the answer to a submit, to
/// `GET {WS}/PipelineRuns/{id}` and each item of `GET {WS}/PipelineRuns/Pipeline/{id}`.
///
/// Keys are PascalCase except `tags`, which the service writes in lower case. The real service adds
/// fields the SDK ignores (`CreatedBy`, a singular `DataSetDefinitionValueAssignment`); they are
/// ignored here too.
public struct PipelineRunEntity: Sendable, Hashable, Codable {
    /// The run id (a GUID), which is also the Azure ML run id.
    public var id: String?
    public var description: String?
    public var status: PipelineRunStatus?
    public var graphID: String?
    public var isSubmitted: Bool?
    public var hasErrors: Bool?
    public var hasWarnings: Bool?
    public var uploadState: UploadState?
    public var parameterAssignments: [String: String]?
    public var dataPathAssignments: [String: LegacyDataPath]?
    public var dataSetDefinitionValueAssignments: JSONValue?
    /// The experiment the run lives in.
    public var runHistoryExperimentName: String?
    /// The published pipeline the run belongs to.
    public var pipelineID: String?
    public var runSource: String?
    public var runType: RunType?
    public var totalRunSteps: Int?
    public var scheduleID: String?
    public var tags: [String: String]?
    public var properties: [String: String]?
    public var entityStatus: EntityStatus?
    public var etag: String?
    public var createdDate: AzureTimestamp?
    public var lastModifiedDate: AzureTimestamp?

    public init(
        id: String? = nil, description: String? = nil, status: PipelineRunStatus? = nil, graphID: String? = nil,
        isSubmitted: Bool? = nil, hasErrors: Bool? = nil, hasWarnings: Bool? = nil, uploadState: UploadState? = nil,
        parameterAssignments: [String: String]? = nil, dataPathAssignments: [String: LegacyDataPath]? = nil,
        dataSetDefinitionValueAssignments: JSONValue? = nil, runHistoryExperimentName: String? = nil,
        pipelineID: String? = nil, runSource: String? = nil, runType: RunType? = nil, totalRunSteps: Int? = nil,
        scheduleID: String? = nil, tags: [String: String]? = nil, properties: [String: String]? = nil,
        entityStatus: EntityStatus? = nil, etag: String? = nil, createdDate: AzureTimestamp? = nil,
        lastModifiedDate: AzureTimestamp? = nil
    ) {
        self.id = id
        self.description = description
        self.status = status
        self.graphID = graphID
        self.isSubmitted = isSubmitted
        self.hasErrors = hasErrors
        self.hasWarnings = hasWarnings
        self.uploadState = uploadState
        self.parameterAssignments = parameterAssignments
        self.dataPathAssignments = dataPathAssignments
        self.dataSetDefinitionValueAssignments = dataSetDefinitionValueAssignments
        self.runHistoryExperimentName = runHistoryExperimentName
        self.pipelineID = pipelineID
        self.runSource = runSource
        self.runType = runType
        self.totalRunSteps = totalRunSteps
        self.scheduleID = scheduleID
        self.tags = tags
        self.properties = properties
        self.entityStatus = entityStatus
        self.etag = etag
        self.createdDate = createdDate
        self.lastModifiedDate = lastModifiedDate
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case description = "Description"
        case status = "Status"
        case graphID = "GraphId"
        case isSubmitted = "IsSubmitted"
        case hasErrors = "HasErrors"
        case hasWarnings = "HasWarnings"
        case uploadState = "UploadState"
        case parameterAssignments = "ParameterAssignments"
        case dataPathAssignments = "DataPathAssignments"
        case dataSetDefinitionValueAssignments = "DataSetDefinitionValueAssignments"
        case runHistoryExperimentName = "RunHistoryExperimentName"
        case pipelineID = "PipelineId"
        case runSource = "RunSource"
        case runType = "RunType"
        case totalRunSteps = "TotalRunSteps"
        case scheduleID = "ScheduleId"
        case tags
        case properties = "Properties"
        case entityStatus = "EntityStatus"
        case etag = "Etag"
        case createdDate = "CreatedDate"
        case lastModifiedDate = "LastModifiedDate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.optional(String.self, .id)
        description = try container.optional(String.self, .description)
        status = try container.optional(PipelineRunStatus.self, .status)
        graphID = try container.optional(String.self, .graphID)
        isSubmitted = try container.lenientBool(.isSubmitted)
        hasErrors = try container.lenientBool(.hasErrors)
        hasWarnings = try container.lenientBool(.hasWarnings)
        uploadState = try container.optional(UploadState.self, .uploadState)
        parameterAssignments = try container.lenientStringMap(.parameterAssignments)
        dataPathAssignments = try container.optional([String: LegacyDataPath].self, .dataPathAssignments)
        dataSetDefinitionValueAssignments = try container.optional(JSONValue.self, .dataSetDefinitionValueAssignments)
        runHistoryExperimentName = try container.optional(String.self, .runHistoryExperimentName)
        pipelineID = try container.optional(String.self, .pipelineID)
        runSource = try container.optional(String.self, .runSource)
        runType = try container.optional(RunType.self, .runType)
        totalRunSteps = try container.lenientInt(.totalRunSteps)
        scheduleID = try container.optional(String.self, .scheduleID)
        tags = try container.lenientStringMap(.tags)
        properties = try container.lenientStringMap(.properties)
        entityStatus = try container.optional(EntityStatus.self, .entityStatus)
        etag = try container.optional(String.self, .etag)
        createdDate = try container.optional(AzureTimestamp.self, .createdDate)
        lastModifiedDate = try container.optional(AzureTimestamp.self, .lastModifiedDate)
    }
}
