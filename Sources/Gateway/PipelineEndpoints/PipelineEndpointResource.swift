import AzureML
import Foundation
import Observability

/// The gateway's PipelineEndpoint resource, shaped like the Pipeline resource: snake_case, the
/// status by name, and the versions a trigger may choose with `?version=` (DESIGN "Migration from
/// SDK v1": endpoints as targets).
struct PipelineEndpointResource: Encodable, Sendable {
    struct Version: Encodable, Sendable {
        var version: String
        var pipelineID: String

        enum CodingKeys: String, CodingKey {
            case version
            case pipelineID = "pipeline_id"
        }
    }

    var id: String
    var name: String
    var description: String?
    var status: String
    var defaultVersion: String?
    var versions: [Version]
    var endpoint: String
    var createdAt: String?

    init(_ endpoint: PipelineEndpoint) {
        id = endpoint.id
        name = endpoint.name
        description = endpoint.description
        status = endpoint.status.name
        defaultVersion = endpoint.defaultVersion
        versions = endpoint.versions.map { Version(version: $0.version, pipelineID: $0.pipelineID) }
        self.endpoint = endpoint.endpoint.absoluteString
        createdAt = endpoint.createdAt.map { rfc3339UTC($0, milliseconds: false) }
    }

    /// Every key present, `null` when absent: the resource always has the same shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(status, forKey: .status)
        try container.encode(defaultVersion, forKey: .defaultVersion)
        try container.encode(versions, forKey: .versions)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, status, versions, endpoint
        case defaultVersion = "default_version"
        case createdAt = "created_at"
    }
}
