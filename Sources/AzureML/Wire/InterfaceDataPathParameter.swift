/// One DataPath parameter of a graph interface:
/// `{"Name","Documentation","DefaultValue":{"DataStoreName","RelativePath"},"IsOptional","DataTypeId"}`.
public struct InterfaceDataPathParameter: Sendable, Hashable, Codable {
    public var name: String?
    public var documentation: String?
    public var defaultValue: LegacyDataPath?
    public var isOptional: Bool?
    public var dataTypeID: String?

    public init(
        name: String? = nil, documentation: String? = nil, defaultValue: LegacyDataPath? = nil,
        isOptional: Bool? = nil, dataTypeID: String? = nil
    ) {
        self.name = name
        self.documentation = documentation
        self.defaultValue = defaultValue
        self.isOptional = isOptional
        self.dataTypeID = dataTypeID
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case documentation = "Documentation"
        case defaultValue = "DefaultValue"
        case isOptional = "IsOptional"
        case dataTypeID = "DataTypeId"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.optional(String.self, .name)
        documentation = try container.optional(String.self, .documentation)
        defaultValue = try container.optional(LegacyDataPath.self, .defaultValue)
        isOptional = try container.lenientBool(.isOptional)
        dataTypeID = try container.optional(String.self, .dataTypeID)
    }
}
