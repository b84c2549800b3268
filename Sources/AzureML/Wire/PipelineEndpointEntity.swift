/// A pipeline endpoint as the pipelines service describes it (`GET {WS}/PipelineEndpoints/Id/{id}`,
/// by name, and each item of the list), with the service's exact keys (reference §3.5; `tags` lower
/// case). Every field is optional and read leniently, like `PipelineEntity`: the service has sent
/// `EntityStatus` as an integer, a digit string and a name, and a version number may arrive as a
/// JSON number.
public struct PipelineEndpointEntity: Sendable, Hashable, Codable {
    /// One `{"Version","PipelineId"}` of `PipelineVersionList`.
    public struct VersionEntry: Sendable, Hashable, Codable {
        public var version: String?
        public var pipelineID: String?

        public init(version: String? = nil, pipelineID: String? = nil) {
            self.version = version
            self.pipelineID = pipelineID
        }

        enum CodingKeys: String, CodingKey {
            case version = "Version"
            case pipelineID = "PipelineId"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.lenientText(.version)
            pipelineID = try container.optional(String.self, .pipelineID)
        }
    }

    public var id: String?
    public var name: String?
    public var description: String?
    public var defaultVersion: String?
    public var pipelineVersionList: [VersionEntry]?
    /// The endpoint's REST submit URL (`…/PipelineRuns/PipelineEndpointSubmit/Id/{Id}`).
    public var url: String?
    public var swaggerURL: String?
    public var etag: String?
    /// Plain strings in the SDK model (never parsed as dates there), so they are kept as text.
    public var createdDate: String?
    public var lastModifiedDate: String?
    public var entityStatus: EntityStatus?
    public var properties: [String: String]?
    public var tags: [String: String]?

    public init(
        id: String? = nil, name: String? = nil, description: String? = nil, defaultVersion: String? = nil,
        pipelineVersionList: [VersionEntry]? = nil, url: String? = nil, swaggerURL: String? = nil, etag: String? = nil,
        createdDate: String? = nil, lastModifiedDate: String? = nil, entityStatus: EntityStatus? = nil,
        properties: [String: String]? = nil, tags: [String: String]? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.defaultVersion = defaultVersion
        self.pipelineVersionList = pipelineVersionList
        self.url = url
        self.swaggerURL = swaggerURL
        self.etag = etag
        self.createdDate = createdDate
        self.lastModifiedDate = lastModifiedDate
        self.entityStatus = entityStatus
        self.properties = properties
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case name = "Name"
        case description = "Description"
        case defaultVersion = "DefaultVersion"
        case pipelineVersionList = "PipelineVersionList"
        case url = "Url"
        case swaggerURL = "SwaggerUrl"
        case etag = "Etag"
        case createdDate = "CreatedDate"
        case lastModifiedDate = "LastModifiedDate"
        case entityStatus = "EntityStatus"
        case properties = "Properties"
        case tags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.optional(String.self, .id)
        name = try container.optional(String.self, .name)
        description = try container.optional(String.self, .description)
        defaultVersion = try container.lenientText(.defaultVersion)
        pipelineVersionList = try container.optional([VersionEntry].self, .pipelineVersionList)
        url = try container.optional(String.self, .url)
        swaggerURL = try container.optional(String.self, .swaggerURL)
        etag = try container.optional(String.self, .etag)
        createdDate = try container.lenientText(.createdDate)
        lastModifiedDate = try container.lenientText(.lastModifiedDate)
        entityStatus = try container.optional(EntityStatus.self, .entityStatus)
        properties = try container.lenientStringMap(.properties)
        tags = try container.lenientStringMap(.tags)
    }
}
