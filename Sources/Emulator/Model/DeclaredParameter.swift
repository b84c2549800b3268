/// A (non-DataPath) pipeline parameter as the graph interface declares it.
struct DeclaredParameter: Sendable, Equatable {
    var name: String
    var type: ParameterType
    /// The default as text (the interface and `ParameterAssignments` carry strings); nil = required.
    var defaultValue: String?
    var documentation: String?
    var minimum: Double?
    var maximum: Double?
    /// Allowed values, empty for any.
    var allowedValues: [String]

    init(
        name: String, type: ParameterType = .string, defaultValue: String?, documentation: String? = nil,
        minimum: Double? = nil, maximum: Double? = nil, allowedValues: [String] = []
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.documentation = documentation
        self.minimum = minimum
        self.maximum = maximum
        self.allowedValues = allowedValues
    }

    var isOptional: Bool { defaultValue != nil }

    /// Why `value` is not acceptable for this parameter, or nil when it is.
    func problem(with value: String) -> String? {
        guard type.accepts(value) else {
            return "Parameter '\(name)' is of type \(type.rawValue); '\(value)' is not a valid \(type.rawValue)."
        }
        if let number = type.number(value) {
            if let minimum, number < minimum { return "Parameter '\(name)' must be at least \(Self.text(minimum)); got \(value)." }
            if let maximum, number > maximum { return "Parameter '\(name)' must be at most \(Self.text(maximum)); got \(value)." }
        }
        if !allowedValues.isEmpty && !allowedValues.contains(value) {
            return "Parameter '\(name)' must be one of \(allowedValues.joined(separator: ", ")); got '\(value)'."
        }
        return nil
    }

    /// `EntityInterface.Parameters[]` item.
    var wire: JSONValue {
        var rules: [JSONValue] = []
        if minimum != nil || maximum != nil {
            rules.append(.object(["Min": Self.number(minimum), "Max": Self.number(maximum)]))
        }
        let enumRules: [JSONValue] = allowedValues.isEmpty ? [] : [.object(["ValidValues": .array(allowedValues.map(JSONValue.string))])]
        return .object([
            "Name": .string(name),
            "Documentation": .string(documentation),
            "DefaultValue": .string(defaultValue),
            "IsOptional": .bool(isOptional),
            "Type": .string(type.rawValue),
            "MinMaxRules": .array(rules),
            "EnumRules": .array(enumRules),
        ])
    }

    private static func number(_ value: Double?) -> JSONValue {
        guard let value else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .int(Int(value)) }
        return .double(value)
    }

    private static func text(_ value: Double) -> String {
        number(value).text
    }
}
