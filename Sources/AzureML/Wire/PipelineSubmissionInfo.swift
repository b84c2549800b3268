/// The body of `POST {WS}/PipelineRuns/PipelineSubmit/{pipelineId}`: what a run should be started with.
///
/// Encoded with the SDK's exact casing (PascalCase, lower-case `tags`) and with absent fields left
/// out, as msrest does: the service distinguishes "not given" (use the pipeline's setting) from an
/// explicit value, e.g. for `ContinueRunOnStepFailure`.
public struct PipelineSubmissionInfo: Sendable, Hashable, Codable {
    public var experimentName: String?
    public var description: String?
    /// Free text; the SDK sends `"SDK"`, Azure's own REST examples `"SDK"` or `"API"`.
    public var runSource: String?
    public var runType: RunType?
    /// Parameter values, always as strings (the SDK sends Python `str()` of each value).
    public var parameterAssignments: [String: String]?
    public var dataPathAssignments: [String: LegacyDataPath]?
    /// Dataset parameter values, passed through untouched (several shapes exist, see reference §3.2).
    public var dataSetDefinitionValueAssignments: JSONValue?
    /// Set by the service on scheduled runs; echoed back on schedule updates.
    public var scheduleID: String?
    public var continueRunOnStepFailure: Bool?
    public var enableNotification: Bool?
    public var tags: [String: String]?
    public var properties: [String: String]?

    public init(
        experimentName: String? = nil, description: String? = nil, runSource: String? = nil,
        runType: RunType? = nil, parameterAssignments: [String: String]? = nil,
        dataPathAssignments: [String: LegacyDataPath]? = nil, dataSetDefinitionValueAssignments: JSONValue? = nil,
        scheduleID: String? = nil, continueRunOnStepFailure: Bool? = nil, enableNotification: Bool? = nil,
        tags: [String: String]? = nil, properties: [String: String]? = nil
    ) {
        self.experimentName = experimentName
        self.description = description
        self.runSource = runSource
        self.runType = runType
        self.parameterAssignments = parameterAssignments
        self.dataPathAssignments = dataPathAssignments
        self.dataSetDefinitionValueAssignments = dataSetDefinitionValueAssignments
        self.scheduleID = scheduleID
        self.continueRunOnStepFailure = continueRunOnStepFailure
        self.enableNotification = enableNotification
        self.tags = tags
        self.properties = properties
    }

    enum CodingKeys: String, CodingKey {
        case experimentName = "ExperimentName"
        case description = "Description"
        case runSource = "RunSource"
        case runType = "RunType"
        case parameterAssignments = "ParameterAssignments"
        case dataPathAssignments = "DataPathAssignments"
        case dataSetDefinitionValueAssignments = "DataSetDefinitionValueAssignments"
        case scheduleID = "ScheduleId"
        case continueRunOnStepFailure = "ContinueRunOnStepFailure"
        case enableNotification = "EnableNotification"
        case tags
        case properties = "Properties"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        experimentName = try container.optional(String.self, .experimentName)
        description = try container.optional(String.self, .description)
        runSource = try container.optional(String.self, .runSource)
        runType = try container.optional(RunType.self, .runType)
        parameterAssignments = try container.lenientStringMap(.parameterAssignments)
        dataPathAssignments = try container.optional([String: LegacyDataPath].self, .dataPathAssignments)
        dataSetDefinitionValueAssignments = try container.optional(JSONValue.self, .dataSetDefinitionValueAssignments)
        scheduleID = try container.optional(String.self, .scheduleID)
        continueRunOnStepFailure = try container.lenientBool(.continueRunOnStepFailure)
        enableNotification = try container.lenientBool(.enableNotification)
        tags = try container.lenientStringMap(.tags)
        properties = try container.lenientStringMap(.properties)
    }
}
