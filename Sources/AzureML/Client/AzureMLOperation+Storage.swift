/// The datastore lookup and the Blob listing, named as the emulator's fault operations are.
extension AzureMLOperation {
    static let getDatastore = AzureMLOperation(name: "get_datastore", kind: .idempotent)
    static let listBlobs = AzureMLOperation(name: "list_blobs", kind: .idempotent)
}
