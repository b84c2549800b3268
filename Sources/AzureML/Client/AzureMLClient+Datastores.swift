import Foundation
import Observability

extension AzureMLClient {
    /// A blob datastore of the workspace, from the datastore service
    /// (`GET {baseURL}/datastore/v1.0/{workspace scope}/datastores/{name}`; DESIGN: the same base as
    /// the pipelines service). Read with the read deadline and retries, under the workspace token.
    ///
    /// - Throws: `.notFound` for an unknown name; an error with `isUnsupportedDatastore` for a
    ///   datastore that is not Azure Blob (the caller's 422); `.malformedResponse` when a blob
    ///   datastore does not say which account and container it is.
    public func datastore(name: String) async throws(AzureMLError) -> Datastore {
        let operation = AzureMLOperation.getDatastore
        let clientRequestID = RandomUUID.make()
        let url: URL
        do {
            url = try RequestPath.url(
                base: baseURL, segments: ["datastore", "v1.0"] + workspace.scopeSegments + ["datastores", name], query: [],
                operation: operation.name
            )
        } catch {
            throw error.with(clientRequestID: clientRequestID)
        }
        let answer = try await send(operation, method: "GET", url: url, clientRequestID: clientRequestID)
        let entity = try decode(DatastoreEntity.self, from: answer, operation)
        guard let type = entity.dataStoreType, !type.isEmpty else {
            throw malformed("the datastore has no dataStoreType", answer, operation)
        }
        guard type.caseInsensitiveCompare(Datastore.blobType) == .orderedSame else {
            throw AzureMLError(
                code: .badRequest,
                azureCode: AzureMLError.unsupportedDatastoreCode,
                message: "datastore '\(name)' is of type \(TokenEndpoint.truncate(type, limit: 64)); "
                    + "only \(Datastore.blobType) datastores are supported",
                clientRequestID: answer.clientRequestID,
                operation: operation.name
            )
        }
        let section = entity.azureStorageSection
        guard let account = section?.accountName, !account.isEmpty, let container = section?.containerName, !container.isEmpty else {
            throw malformed("the blob datastore does not name its account and container", answer, operation)
        }
        return Datastore(
            name: entity.name.flatMap { $0.isEmpty ? nil : $0 } ?? name,
            type: Datastore.blobType,
            accountName: account,
            containerName: container,
            endpoint: section?.endpoint.flatMap { $0.isEmpty ? nil : $0 } ?? "core.windows.net",
            protocol: section?.protocol.flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "https"
        )
    }
}
