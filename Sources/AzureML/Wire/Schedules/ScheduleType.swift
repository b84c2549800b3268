/// What times a v1 schedule (`Recurrence` 0, `DataStore` 1). The SDK reads only `0`, `"0"` and
/// `"Recurrence"` as a recurrence and everything else as a datastore schedule, so a reader that must not
/// guess (the import) checks for `.unknown` instead of falling back like the SDK.
public enum ScheduleType: WireEnum {
    case recurrence
    case dataStore
    case unknown(String)

    public static let wireNames = ["Recurrence", "DataStore"]

    public init(knownCode code: Int) {
        self = [.recurrence, .dataStore][code]
    }

    public var knownCode: Int? {
        switch self {
        case .recurrence: 0
        case .dataStore: 1
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
