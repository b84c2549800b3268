/// Declared type of a graph interface parameter (`Int` 0, `Double` 1, `Bool` 2, `String` 3,
/// `Undefined` 4).
///
/// The integer order follows the SDK's list of possible values; the service has not been seen sending
/// this field as an integer, so only the names are certain.
public enum InterfaceParameterType: WireEnum {
    case int
    case double
    case bool
    case string
    case undefined
    case unknown(String)

    public static let wireNames = ["Int", "Double", "Bool", "String", "Undefined"]

    public init(knownCode code: Int) {
        self = [.int, .double, .bool, .string, .undefined][code]
    }

    public var knownCode: Int? {
        switch self {
        case .int: 0
        case .double: 1
        case .bool: 2
        case .string: 3
        case .undefined: 4
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
