/// One declared ordinary parameter of a published pipeline, with the rules a submitted value must meet.
public struct PipelineParameter: Sendable, Hashable {
    public var name: String
    public var defaultValue: String?
    public var isOptional: Bool
    public var type: ParameterType
    /// Inclusive lower bound from the `MinMaxRules` (the tightest one when several are declared).
    public var min: Double?
    /// Inclusive upper bound from the `MinMaxRules` (the tightest one when several are declared).
    public var max: Double?
    /// Accepted values from the `EnumRules`; nil when the parameter has no such rule.
    public var allowedValues: [String]?

    public init(
        name: String, defaultValue: String? = nil, isOptional: Bool = false, type: ParameterType = .string,
        min: Double? = nil, max: Double? = nil, allowedValues: [String]? = nil
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.isOptional = isOptional
        self.type = type
        self.min = min
        self.max = max
        self.allowedValues = allowedValues
    }

    /// Whether a submit must assign it: not optional and without a default.
    public var isRequired: Bool {
        !isOptional && defaultValue == nil
    }
}
