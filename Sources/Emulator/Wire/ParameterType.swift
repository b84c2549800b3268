/// The declared type of a pipeline parameter. Unlike the entity enums, the graph interface sends
/// these as names (`"Int"`), which is what the gateway validates against.
enum ParameterType: String, Sendable, CaseIterable {
    case int = "Int"
    case double = "Double"
    case bool = "Bool"
    case string = "String"

    /// Whether `text` is a value of this type, in the forms the SDK sends (`str()` of the Python value).
    func accepts(_ text: String) -> Bool {
        switch self {
        case .int: Int(text) != nil
        case .double: Double(text).map(\.isFinite) ?? false
        case .bool: ["true", "false"].contains(text.lowercased())
        case .string: true
        }
    }

    /// Numeric value for min/max rules; nil for non-numeric types.
    func number(_ text: String) -> Double? {
        switch self {
        case .int: Int(text).map(Double.init)
        case .double: Double(text)
        case .bool, .string: nil
        }
    }

    var isNumeric: Bool { self == .int || self == .double }
}
