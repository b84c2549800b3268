/// A workspace's blob datastore: which Storage account and container hold its files.
///
/// Only Azure Blob datastores exist in this model; `AzureMLClient.datastore(name:)` refuses the
/// others (file shares, Data Lake, SQL) with an error for which `isUnsupportedDatastore` is true,
/// since nothing the gateway does with a datastore (watching a folder) works on them.
public struct Datastore: Sendable, Hashable {
    /// `dataStoreType` of a blob datastore.
    public static let blobType = "AzureBlob"

    public var name: String
    /// The service's `dataStoreType`: always `AzureBlob` for a value the client returns.
    public var type: String
    public var accountName: String
    public var containerName: String
    /// The storage suffix (`core.windows.net`; sovereign clouds have their own).
    public var endpoint: String
    /// `https` (or `http` for an emulator).
    public var `protocol`: String

    public init(
        name: String, type: String = Datastore.blobType, accountName: String, containerName: String,
        endpoint: String = "core.windows.net", protocol: String = "https"
    ) {
        self.name = name
        self.type = type
        self.accountName = accountName
        self.containerName = containerName
        self.endpoint = endpoint
        self.protocol = `protocol`
    }
}
