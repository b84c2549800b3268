/// A datastore of the emulated workspace: a blob container of the emulated Storage account, whose
/// blobs are the files under `{dataDirectory}/blobs/{container}/`.
struct EmulatedDatastore: Sendable, Equatable {
    /// The one account Blob requests may name (`/blob/emulatedaccount/{container}`).
    static let accountName = "emulatedaccount"

    /// Every workspace has this default blob datastore (DESIGN "Running": the emulator seeds it).
    static let workspaceBlobStore = EmulatedDatastore(name: "workspaceblobstore", containerName: "workspaceblobstore")

    var name: String
    var containerName: String
    var accountName: String = Self.accountName

    /// The datastore service's camelCase shape (reference §8, sdk-observed §5). `endpoint` and
    /// `protocol` are the public cloud's, as a real workspace's are: clients reach the emulated Blob
    /// service through the path-style endpoint, never through `{account}.blob.{endpoint}`.
    /// Credentials are absent (`credentialType: None`), as for identity-based access.
    var wire: JSONValue {
        .object([
            "name": .string(name),
            "dataStoreType": .string("AzureBlob"),
            "hasBeenValidated": .bool(true),
            "tags": .object([:]),
            "azureStorageSection": .object([
                "accountName": .string(accountName),
                "containerName": .string(containerName),
                "endpoint": .string("core.windows.net"),
                "protocol": .string("https"),
                "credentialType": .string("None"),
                "credential": .null,
                "isSas": .bool(false),
                "accountKey": .null,
                "sasToken": .null,
                "subscriptionId": .string(WorkspaceScope.subscriptionID),
                "resourceGroup": .string(WorkspaceScope.resourceGroup),
                "blobCacheTimeout": .int(0),
                "areWorkspaceManagedIdentitiesAllowed": .bool(false),
                "clientCredentials": .null,
            ]),
        ])
    }
}
