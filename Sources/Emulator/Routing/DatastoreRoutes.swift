import HTTPServer

/// The workspace datastore lookup of the datastore service,
/// `GET /datastore/v1.0/{workspace scope}/datastores/{name}` (reference §8; the SDK reaches it
/// through the discovery document's `history` key, which names this emulator). camelCase, with
/// the service's lower-case error shape; a bearer token the emulator issued is required.
struct DatastoreRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    static let route = "/datastore/v1.0" + WorkspaceScope.routeScope

    func register(on router: inout Router) {
        router.on(.GET, Self.route + "/datastores/{datastoreName}") { request in
            LowercaseAzureError.restyle(gate.service(.getDatastore, request) { request, _ throws(AzureError) in
                let name = request.pathParameters["datastoreName"] ?? ""
                guard let datastore = DatastoreCatalog.datastore(named: name) else {
                    throw .notFound("NotFound", "DataStore \(name) was not found in workspace \(WorkspaceScope.workspaceName).")
                }
                return HTTPResponse.json(.ok, datastore.wire.serialized)
            })
        }
    }
}
