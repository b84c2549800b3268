/// Lifecycle state of a published pipeline, schedule, endpoint or run entity
/// (`Active` 0, `Deprecated` 1, `Disabled` 2 on the wire).
public enum EntityStatus: WireEnum {
    case active
    case deprecated
    case disabled
    case unknown(String)

    public static let wireNames = ["Active", "Deprecated", "Disabled"]

    public init(knownCode code: Int) {
        self = [.active, .deprecated, .disabled][code]
    }

    public var knownCode: Int? {
        switch self {
        case .active: 0
        case .deprecated: 1
        case .disabled: 2
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
