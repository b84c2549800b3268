/// A datastore as the datastore service describes it
/// (`GET {base}/datastore/v1.0/{workspace scope}/datastores/{name}`, reference §8 and
/// sdk-observed §5). camelCase, unlike the pipelines service.
///
/// Only what locates a blob container is read. The service may also send credentials
/// (`accountKey`, `sasToken`, `credential`, `clientCredentials`); they are deliberately not decoded,
/// so no secret ever enters the gateway's models, logs or errors — the gateway reads Storage with
/// its own token.
struct DatastoreEntity: Sendable, Hashable, Decodable {
    var name: String?
    var dataStoreType: String?
    var azureStorageSection: AzureStorageSection?

    struct AzureStorageSection: Sendable, Hashable, Decodable {
        var accountName: String?
        var containerName: String?
        /// The storage suffix, `core.windows.net` in the public cloud.
        var endpoint: String?
        var `protocol`: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accountName = try container.optional(String.self, .accountName)
            containerName = try container.optional(String.self, .containerName)
            endpoint = try container.optional(String.self, .endpoint)
            `protocol` = try container.optional(String.self, .protocol)
        }

        enum CodingKeys: String, CodingKey {
            case accountName, containerName, endpoint, `protocol`
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.optional(String.self, .name)
        dataStoreType = try container.optional(String.self, .dataStoreType)
        azureStorageSection = try container.optional(AzureStorageSection.self, .azureStorageSection)
    }

    enum CodingKeys: String, CodingKey {
        case name, dataStoreType, azureStorageSection
    }
}
