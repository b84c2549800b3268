public import Foundation

/// A pipeline endpoint as the rest of the gateway sees it: a stable id whose default version (a
/// published pipeline) can change, so callers and schedules that name it pick up a new default
/// without being edited.
public struct PipelineEndpoint: Sendable, Hashable {
    /// One version: its number as Azure writes it ("0", "1", …) and the published pipeline it runs.
    public struct Version: Sendable, Hashable {
        public var version: String
        public var pipelineID: String

        public init(version: String, pipelineID: String) {
            self.version = version
            self.pipelineID = pipelineID
        }
    }

    public var id: String
    public var name: String
    public var description: String?
    /// The version a submit without a version runs; nil when Azure did not say.
    public var defaultVersion: String?
    public var versions: [Version]
    /// Same states as a published pipeline's; only an Active endpoint takes runs.
    public var status: PipelineStatus
    /// Azure's REST submit URL (`Url`), or the standard path when the service sent none.
    public var endpoint: URL
    /// Nil when unknown, unparsable (endpoint dates are plain strings in the SDK model) or the
    /// service's `1970-01-01T00:00:00` "unset" sentinel.
    public var createdAt: Date?

    public init(
        id: String, name: String, description: String? = nil, defaultVersion: String?, versions: [Version], status: PipelineStatus,
        endpoint: URL, createdAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.defaultVersion = defaultVersion
        self.versions = versions
        self.status = status
        self.endpoint = endpoint
        self.createdAt = createdAt
    }

    /// Builds the gateway's view of an endpoint entity; nil when it has no id. Version entries
    /// without a version or a pipeline id are dropped (nothing could run them).
    public init?(_ entity: PipelineEndpointEntity, defaultEndpoint: (String) -> URL?) {
        guard let id = entity.id, !id.isEmpty, let endpoint = entity.url.flatMap({ URL(string: $0) }) ?? defaultEndpoint(id) else { return nil }
        self.init(
            id: id, name: entity.name ?? "", description: entity.description, defaultVersion: entity.defaultVersion,
            versions: (entity.pipelineVersionList ?? []).compactMap { entry in
                guard let version = entry.version, !version.isEmpty, let pipelineID = entry.pipelineID, !pipelineID.isEmpty else { return nil }
                return Version(version: version, pipelineID: pipelineID)
            },
            status: PipelineStatus(entity.entityStatus), endpoint: endpoint,
            createdAt: entity.createdDate.flatMap(AzureTimestamp.init(parsing:)).meaningful)
    }

    /// The version a submit naming `version` runs — that one, or the default when nil — or nil when
    /// the endpoint has no such version.
    public func version(_ version: String?) -> Version? {
        guard let wanted = version ?? defaultVersion else { return nil }
        return versions.first { $0.version == wanted }
    }
}
