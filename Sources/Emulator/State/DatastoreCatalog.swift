/// The emulated workspace's datastores. Fixed: every workspace has `workspaceblobstore`, and it is
/// the one DESIGN seeds; files dropped into its folder are its blobs.
enum DatastoreCatalog {
    static let all: [EmulatedDatastore] = [.workspaceBlobStore]

    /// The datastore called `name`, exactly (the datastore service does not fold case).
    static func datastore(named name: String) -> EmulatedDatastore? {
        all.first { $0.name == name }
    }

    /// The datastore whose blobs live in `container` of `account` (Blob requests name these).
    static func datastore(account: String, container: String) -> EmulatedDatastore? {
        all.first { $0.accountName == account && $0.containerName == container }
    }
}
