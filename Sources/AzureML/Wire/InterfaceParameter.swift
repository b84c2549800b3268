/// One ordinary parameter of a graph interface:
/// `{"Name","Documentation","DefaultValue","IsOptional","Type","MinMaxRules":[…],"EnumRules":[…]}`.
public struct InterfaceParameter: Sendable, Hashable, Codable {
    public var name: String?
    public var documentation: String?
    /// The default as text; the service keeps every parameter value as a string.
    public var defaultValue: String?
    public var isOptional: Bool?
    public var type: InterfaceParameterType?
    public var minMaxRules: [MinMaxRule]?
    public var enumRules: [EnumRule]?

    /// A numeric range (`{"Min", "Max"}`); either bound may be absent.
    public struct MinMaxRule: Sendable, Hashable, Codable {
        public var min: Double?
        public var max: Double?

        public init(min: Double? = nil, max: Double? = nil) {
            self.min = min
            self.max = max
        }

        enum CodingKeys: String, CodingKey {
            case min = "Min"
            case max = "Max"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            min = try container.lenientDouble(.min)
            max = try container.lenientDouble(.max)
        }
    }

    /// A closed set of accepted values (`{"ValidValues": […]}`).
    public struct EnumRule: Sendable, Hashable, Codable {
        public var validValues: [String]?

        public init(validValues: [String]? = nil) {
            self.validValues = validValues
        }

        enum CodingKeys: String, CodingKey {
            case validValues = "ValidValues"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            validValues = try container.optional([JSONValue].self, .validValues)?.compactMap(\.scalarText)
        }
    }

    public init(
        name: String? = nil, documentation: String? = nil, defaultValue: String? = nil, isOptional: Bool? = nil,
        type: InterfaceParameterType? = nil, minMaxRules: [MinMaxRule]? = nil, enumRules: [EnumRule]? = nil
    ) {
        self.name = name
        self.documentation = documentation
        self.defaultValue = defaultValue
        self.isOptional = isOptional
        self.type = type
        self.minMaxRules = minMaxRules
        self.enumRules = enumRules
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case documentation = "Documentation"
        case defaultValue = "DefaultValue"
        case isOptional = "IsOptional"
        case type = "Type"
        case minMaxRules = "MinMaxRules"
        case enumRules = "EnumRules"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.optional(String.self, .name)
        documentation = try container.optional(String.self, .documentation)
        defaultValue = try container.optional(JSONValue.self, .defaultValue)?.scalarText
        isOptional = try container.lenientBool(.isOptional)
        type = try container.optional(InterfaceParameterType.self, .type)
        minMaxRules = try container.optional([MinMaxRule].self, .minMaxRules)
        enumRules = try container.optional([EnumRule].self, .enumRules)
    }
}
