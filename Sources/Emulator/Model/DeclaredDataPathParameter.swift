/// A DataPath pipeline parameter (`PipelineParameter(default_value=DataPath(...))`).
struct DeclaredDataPathParameter: Sendable, Equatable {
    var name: String
    /// nil = required: a submission must assign it.
    var defaultValue: DataPathValue?
    var documentation: String?

    var isOptional: Bool { defaultValue != nil }

    /// `EntityInterface.DataPathParameters[]` item.
    var wire: JSONValue {
        .object([
            "Name": .string(name),
            "Documentation": .string(documentation),
            "DefaultValue": defaultValue?.wire ?? .null,
            "IsOptional": .bool(isOptional),
            "DataTypeId": .string("AnyFile"),
        ])
    }

    /// `EntityInterface.DataPathParameterList[]` item: the same parameter as a DataSetDefinition.
    var definitionWire: JSONValue {
        .object([
            "Name": .string(name),
            "Documentation": .string(documentation),
            "DefaultValue": defaultValue.map { JSONValue.object(["LiteralValue": $0.wire]) } ?? .null,
            "IsOptional": .bool(isOptional),
        ])
    }
}
