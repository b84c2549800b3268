extension AzureMLError {
    /// `azureCode` of the error `datastore(name:)` raises for a datastore that is not Azure Blob.
    /// Set by this client, not by Azure: the lookup itself succeeded, the datastore is unusable.
    public static let unsupportedDatastoreCode = "UnsupportedDatastoreType"

    /// The datastore exists but is not a blob datastore: the caller's request named the wrong one
    /// (the gateway answers 422), rather than Azure refusing or failing.
    public var isUnsupportedDatastore: Bool {
        code == .badRequest && azureCode == Self.unsupportedDatastoreCode
    }
}
