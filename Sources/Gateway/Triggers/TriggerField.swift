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
    ///
    /// Every accepted key has a length of its own, so the length picks the one candidate and a
    /// single comparison decides: this runs for every top-level key of every trigger.
    init?(matching key: String) {
        let candidate: TriggerField
        switch key.utf8.count {
        case 14: candidate = .experimentName
        case 11: candidate = .description
        case 9: candidate = .runSource
        case 7: candidate = .runType
        case 20: candidate = .parameterAssignments
        case 19: candidate = .dataPathAssignments
        case 33: candidate = .dataSetDefinitionValueAssignments
        case 24: candidate = .continueRunOnStepFailure
        case 18: candidate = .enableNotification
        case 4: candidate = .tags
        case 10: candidate = .properties
        default: return nil
        }
        guard ASCIICase.equalIgnoringCase(key, Self.lowercasedNames[candidate.rawValue]) else { return nil }
        self = candidate
    }

    /// Every accepted key, for the message that rejects an unknown one.
    static let acceptedList = allCases.map(\.wireName).joined(separator: ", ")

    /// Indexed by `rawValue`.
    private static let lowercasedNames: [[UInt8]] = allCases.map { ASCIICase.lowercased($0.wireName) }
}

/// ASCII-only case folding: the accepted keys are ASCII, and a key that matches only under Unicode
/// folding (`ſ` for `s`) is better refused than guessed at.
enum ASCIICase {
    static func lowercased(_ text: String) -> [UInt8] {
        text.utf8.map(lower)
    }

    /// Whether `text` equals the already lower-cased `lowercased`, ignoring ASCII case.
    static func equalIgnoringCase(_ text: String, _ lowercased: [UInt8]) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == lowercased.count else { return false }
        return utf8.withContiguousStorageIfAvailable { bytes in
            lowercased.withUnsafeBufferPointer { expected in
                for index in 0..<bytes.count where lower(bytes[index]) != expected[index] { return false }
                return true
            }
        } ?? utf8.elementsEqual(lowercased) { lower($0) == $1 }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
