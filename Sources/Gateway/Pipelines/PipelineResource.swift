import AzureML
import Foundation
import Observability

/// The gateway's Pipeline resource (DESIGN "Resources"): snake_case, statuses by name, parameters
/// from the published graph's declared interface.
struct PipelineResource: Encodable, Sendable {
    struct Parameter: Encodable, Sendable {
        var name: String
        var `default`: String?
        var optional: Bool
        var type: String
        var min: Double?
        var max: Double?
        var `enum`: [String]?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(self.default, forKey: .default)
            try container.encode(optional, forKey: .optional)
            try container.encode(type, forKey: .type)
            try container.encode(min, forKey: .min)
            try container.encode(max, forKey: .max)
            try container.encode(self.enum, forKey: .enum)
        }

        enum CodingKeys: String, CodingKey { case name, `default`, optional, type, min, max, `enum` }
    }

    struct DataPath: Encodable, Sendable {
        var DataStoreName: String?
        var RelativePath: String?
    }

    struct DataPathParameterResource: Encodable, Sendable {
        var name: String
        var `default`: DataPath?
        var optional: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(self.default, forKey: .default)
            try container.encode(optional, forKey: .optional)
        }

        enum CodingKeys: String, CodingKey { case name, `default`, optional }
    }

    var id: String
    var name: String
    var description: String?
    var version: String?
    var status: String
    var endpoint: String
    var parameters: [Parameter]
    var dataPathParameters: [DataPathParameterResource]
    var createdAt: String?

    init(_ pipeline: PublishedPipeline, interface: PipelineInterface) {
        id = pipeline.id
        name = pipeline.name
        description = pipeline.description
        version = pipeline.version
        status = pipeline.status.name
        endpoint = pipeline.endpoint.absoluteString
        parameters = interface.parameters.map {
            Parameter(name: $0.name, default: $0.defaultValue, optional: !$0.isRequired, type: $0.type.rawValue,
                      min: $0.min, max: $0.max, enum: $0.allowedValues)
        }
        dataPathParameters = interface.dataPathParameters.map {
            DataPathParameterResource(
                name: $0.name, default: $0.default.map { DataPath(DataStoreName: $0.dataStoreName, RelativePath: $0.relativePath) },
                optional: !$0.isRequired)
        }
        createdAt = pipeline.createdAt.map { rfc3339UTC($0, milliseconds: false) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(version, forKey: .version)
        try container.encode(status, forKey: .status)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(dataPathParameters, forKey: .dataPathParameters)
        try container.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, version, status, endpoint, parameters
        case dataPathParameters = "data_path_parameters"
        case createdAt = "created_at"
    }
}
