import HTTPServer

/// The workspace's discovery document, `GET {discoveryUrl}`: which base URL each Azure ML service
/// has. The SDK fetches it with plain `requests`, without an Authorization header, so this is the
/// one service call that needs no token. All six keys the SDK reads are required (a missing one is
/// a `KeyError`), and each names this emulator: `api` serves the pipelines service, `history` run
/// history, artifacts and datastores, `studio` only shows up in portal links.
struct DiscoveryRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    static let path = "/discovery"
    static let keys = ["api", "experimentation", "history", "hyperdrive", "modelmanagement", "studio"]

    func register(on router: inout Router) {
        let services = gate.services
        router.on(.GET, Self.path) { request in
            gate.identity(.getDiscovery, request) { request in
                let base = services.baseURL(for: request)
                let document = JSONObject(Self.keys.map { ($0, JSONValue.string(base)) })
                return HTTPResponse.json(.ok, JSONValue.object(document).serialized)
            }
        }
    }
}
