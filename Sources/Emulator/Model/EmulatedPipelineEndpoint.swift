import Foundation

/// A pipeline endpoint held by the emulator: a stable id and name in front of numbered versions,
/// each a published pipeline, one of which is the default a versionless submit runs.
struct EmulatedPipelineEndpoint: Sendable {
    /// One entry of `PipelineVersionList`.
    struct Version: Sendable, Equatable {
        var version: String
        var pipelineID: String
    }

    var id: String
    var name: String
    var description: String?
    var defaultVersion: String
    var versions: [Version]
    var status: EntityStatus
    var tags: [String: String]
    var properties: [String: String]
    var createdAt: Date
    var modifiedAt: Date
    var etag: String

    /// The pipeline a submit runs: the given version's, or the default version's when none is given;
    /// nil when the endpoint has no such version.
    func pipelineID(forVersion version: String?) -> String? {
        let wanted = version ?? defaultVersion
        return versions.first { $0.version == wanted }?.pipelineID
    }

    /// The next version number `add_default`-style changes would give a new pipeline ("0", "1", …).
    var nextVersion: String {
        String((versions.compactMap { Int($0.version) }.max() ?? -1) + 1)
    }

    /// The submit endpoint clients POST to (`PipelineEndpoint.endpoint`).
    func url(_ style: WireStyle) -> String {
        style.baseURL + WorkspaceScope.pipelinesPrefix + "/PipelineRuns/PipelineEndpointSubmit/Id/" + id
    }

    /// `PipelineEndpointEntity` (reference §3.5): the SDK needs `PipelineVersionList` present (it
    /// iterates it) and reads `EntityStatus` before it lets a submit go out.
    func wire(_ style: WireStyle) -> JSONValue {
        .object([
            "Id": .string(id),
            "Name": .string(name),
            "Description": .string(description),
            "DefaultVersion": .string(defaultVersion),
            "PipelineVersionList": .array(versions.map { .object(["Version": .string($0.version), "PipelineId": .string($0.pipelineID)]) }),
            "Url": .string(url(style)),
            "SwaggerUrl": .string(style.baseURL + WorkspaceScope.pipelinesPrefix + "/PipelineEndpoints/" + id + "/swagger.json"),
            "EntityStatus": style.encode(status),
            "Properties": .object(.strings(properties)),
            "tags": .object(.strings(tags)),
            "Etag": .string(etag),
            "CreatedDate": .string(AzureTimestamp.format(createdAt)),
            "LastModifiedDate": .string(AzureTimestamp.format(modifiedAt)),
        ])
    }
}
