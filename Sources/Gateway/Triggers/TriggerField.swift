/// The keys a trigger body may have: exactly the fields of Azure's `PipelineSubmissionInfo`
/// (reference §3.1), in the order and casing the SDK sends them.
///
/// Azure's service binds them ignoring case (its docs write `Tags`, the SDK sends `tags`), so a
/// client's key matches a field ignoring ASCII case, and is forwarded with `wireName`.
enum TriggerField: Int, CaseIterable, Sendable {
    case experimentName
    case description
    case runSource
    case runType
    case parameterAssignments
    case dataPathAssignments
    case dataSetDefinitionValueAssignments
    case continueRunOnStepFailure
    case enableNotification
    case tags
    case properties

    /// The key as the SDK writes it: PascalCase except `tags`.
    var wireName: String {
        switch self {
        case .experimentName: "ExperimentName"
        case .description: "Description"
        case .runSource: "RunSource"
        case .runType: "RunType"
        case .parameterAssignments: "ParameterAssignments"
        case .dataPathAssignments: "DataPathAssignments"
        case .dataSetDefinitionValueAssignments: "DataSetDefinitionValueAssignments"
        case .continueRunOnStepFailure: "ContinueRunOnStepFailure"
        case .enableNotification: "EnableNotification"
        case .tags: "tags"
        case .properties: "Properties"
        }
    }

    /// The field a client's key names, ignoring ASCII case; nil for any other key.
    init?(matching key: String) {
        let length = key.utf8.count
        for (field, name) in Self.lowercasedNames where name.count == length && ASCIICase.equalIgnoringCase(key.utf8, name) {
            self = field
            return
        }
        return nil
    }

    /// Every accepted key, for the message that rejects an unknown one.
    static let acceptedList = allCases.map(\.wireName).joined(separator: ", ")

    private static let lowercasedNames: [(TriggerField, [UInt8])] = allCases.map { ($0, ASCIICase.lowercased($0.wireName)) }
}

/// ASCII-only case folding: the accepted keys are ASCII, and a key that matches only under Unicode
/// folding (`ſ` for `s`) is better refused than guessed at.
enum ASCIICase {
    static func lowercased(_ text: String) -> [UInt8] {
        text.utf8.map(lower)
    }

    static func equalIgnoringCase(_ text: String.UTF8View, _ lowercased: [UInt8]) -> Bool {
        text.elementsEqual(lowercased) { lower($0) == $1 }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
