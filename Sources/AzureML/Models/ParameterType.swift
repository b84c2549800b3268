/// The declared type of a pipeline parameter, which decides how a submitted string value is checked.
public enum ParameterType: String, Sendable, Hashable, CaseIterable {
    case int = "Int"
    case double = "Double"
    case bool = "Bool"
    case string = "String"
    /// Declared without a type (or with one this client does not know): any string is accepted.
    case undefined = "Undefined"

    init(_ wire: InterfaceParameterType?) {
        switch wire {
        case .int: self = .int
        case .double: self = .double
        case .bool: self = .bool
        case .string: self = .string
        case .undefined, .unknown, nil: self = .undefined
        }
    }
}
