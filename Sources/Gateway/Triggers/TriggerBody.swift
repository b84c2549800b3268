import JSON

/// A trigger body that passed the shape rules: what will be sent to Azure, already in the form the
/// SDK sends (parameter values as strings, keys in the SDK's casing, `RunSource` defaulted).
///
/// Maps keep the order the client wrote them in, so the forwarded body reads like the one received.
/// Values built in code (schedules, webhooks) use the memberwise initializer.
struct TriggerBody: Sendable, Equatable {
    /// One `name: value` of `ParameterAssignments`, `tags` or `Properties`.
    struct Entry: Sendable, Equatable {
        var name: String
        var value: String

        init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One `DataPathAssignments` member: a datastore file or folder for a DataPath parameter.
    struct DataPathEntry: Sendable, Equatable {
        var name: String
        var dataStoreName: String
        var relativePath: String

        init(name: String, dataStoreName: String, relativePath: String) {
            self.name = name
            self.dataStoreName = dataStoreName
            self.relativePath = relativePath
        }
    }

    /// What the SDK and Microsoft's REST examples send when a caller names no `RunSource`.
    static let defaultRunSource = "SDK"
    /// The tag every submission carries so an ambiguous failure can be reconciled (DESIGN).
    static let runIDTag = "gateway_run_id"

    var experimentName: String
    var description: String?
    var runSource: String
    /// `HTTP`, `SDK`, `Schedule` or `Portal` (normalized from any casing or the codes 0–3).
    var runType: String?
    /// Values as the SDK sends them: strings as given, numbers as written, booleans `True`/`False`.
    var parameterAssignments: [Entry]
    var dataPathAssignments: [DataPathEntry]
    /// Dataset parameter values, passed through untouched (several shapes exist, reference §3.2).
    var dataSetDefinitionValueAssignments: JSONNode?
    var continueRunOnStepFailure: Bool?
    var enableNotification: Bool?
    /// The caller's tags; `azureBody(gatewayRunID:)` sets `gateway_run_id` (replacing a caller's).
    var tags: [Entry]
    var properties: [Entry]?
    /// The top-level keys the client spelled otherwise than the SDK (`experimentname`), so that
    /// problems found later, against the pipeline's interface, point at the body the client sent.
    var writtenKeys: [TriggerField: String]

    init(
        experimentName: String, description: String? = nil, runSource: String = TriggerBody.defaultRunSource,
        runType: String? = nil, parameterAssignments: [Entry] = [], dataPathAssignments: [DataPathEntry] = [],
        dataSetDefinitionValueAssignments: JSONNode? = nil, continueRunOnStepFailure: Bool? = nil,
        enableNotification: Bool? = nil, tags: [Entry] = [], properties: [Entry]? = nil,
        writtenKeys: [TriggerField: String] = [:]
    ) {
        self.experimentName = experimentName
        self.description = description
        self.runSource = runSource
        self.runType = runType
        self.parameterAssignments = parameterAssignments
        self.dataPathAssignments = dataPathAssignments
        self.dataSetDefinitionValueAssignments = dataSetDefinitionValueAssignments
        self.continueRunOnStepFailure = continueRunOnStepFailure
        self.enableNotification = enableNotification
        self.tags = tags
        self.properties = properties
        self.writtenKeys = writtenKeys
    }

    /// The value assigned to an ordinary parameter, if any.
    func parameter(named name: String) -> String? {
        parameterAssignments.first { $0.name.utf8Equals(name) }?.value
    }

    /// The pointer to a top-level field, spelled as the client wrote it (the SDK's casing if absent).
    func pointer(to field: TriggerField) -> JSONPointer {
        JSONPointer.root.appending(writtenKeys[field] ?? field.wireName)
    }
}
