/// A published pipeline as the pipelines service describes it (`GET {WS}/Pipelines/{id}`, and each
/// item of the list), with the service's exact PascalCase keys.
///
/// Every field is optional because the service (and the emulator) may leave any of them out; the SDK
/// itself accepts `{}`. Enums, integers and booleans are read leniently (see `WireEnum` and
/// `LenientDecoding`); extra keys are ignored.
public struct PipelineEntity: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var description: String?
    public var version: String?
    public var graphID: String?
    public var totalRunSteps: Int?
    /// Defaults of the pipeline's (non-DataPath) parameters, by parameter name.
    public var parameterAssignments: [String: String]?
    public var dataSetDefinitionValueAssignments: JSONValue?
    /// The REST submit endpoint of this pipeline (`…/PipelineRuns/PipelineSubmit/{Id}`).
    public var url: String?
    public var etag: String?
    public var createdDate: AzureTimestamp?
    public var lastModifiedDate: AzureTimestamp?
    public var entityStatus: EntityStatus?
    public var continueRunOnStepFailure: Bool?
    public var properties: [String: JSONValue]?
    public var enableNotification: Bool?

    public init(
        id: String? = nil, name: String? = nil, description: String? = nil, version: String? = nil,
        graphID: String? = nil, totalRunSteps: Int? = nil, parameterAssignments: [String: String]? = nil,
        dataSetDefinitionValueAssignments: JSONValue? = nil, url: String? = nil, etag: String? = nil,
        createdDate: AzureTimestamp? = nil, lastModifiedDate: AzureTimestamp? = nil,
        entityStatus: EntityStatus? = nil, continueRunOnStepFailure: Bool? = nil,
        properties: [String: JSONValue]? = nil, enableNotification: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.version = version
        self.graphID = graphID
        self.totalRunSteps = totalRunSteps
        self.parameterAssignments = parameterAssignments
        self.dataSetDefinitionValueAssignments = dataSetDefinitionValueAssignments
        self.url = url
        self.etag = etag
        self.createdDate = createdDate
        self.lastModifiedDate = lastModifiedDate
        self.entityStatus = entityStatus
        self.continueRunOnStepFailure = continueRunOnStepFailure
        self.properties = properties
        self.enableNotification = enableNotification
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case version = "Version"
        case graphID = "GraphId"
        case totalRunSteps = "TotalRunSteps"
        case parameterAssignments = "ParameterAssignments"
        case dataSetDefinitionValueAssignments = "DataSetDefinitionValueAssignments"
        case url = "Url"
        case etag = "Etag"
        case createdDate = "CreatedDate"
        case lastModifiedDate = "LastModifiedDate"
        case entityStatus = "EntityStatus"
        case continueRunOnStepFailure = "ContinueRunOnStepFailure"
        case properties = "Properties"
        case enableNotification = "EnableNotification"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.optional(String.self, .id)
        name = try container.optional(String.self, .name)
        description = try container.optional(String.self, .description)
        version = try container.optional(String.self, .version)
        graphID = try container.optional(String.self, .graphID)
        totalRunSteps = try container.lenientInt(.totalRunSteps)
        parameterAssignments = try container.lenientStringMap(.parameterAssignments)
        dataSetDefinitionValueAssignments = try container.optional(JSONValue.self, .dataSetDefinitionValueAssignments)
        url = try container.optional(String.self, .url)
        etag = try container.optional(String.self, .etag)
        createdDate = try container.optional(AzureTimestamp.self, .createdDate)
        lastModifiedDate = try container.optional(AzureTimestamp.self, .lastModifiedDate)
        entityStatus = try container.optional(EntityStatus.self, .entityStatus)
        continueRunOnStepFailure = try container.lenientBool(.continueRunOnStepFailure)
        properties = try container.optional([String: JSONValue].self, .properties)
        enableNotification = try container.lenientBool(.enableNotification)
    }
}
