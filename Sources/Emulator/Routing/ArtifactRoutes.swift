import HTTPServer

/// The artifact service's content listing of a run's log folders, which `wait_for_completion` reads
/// at the end: `GET {history}/artifact/v2.0{scope}/artifacts/prefix/contentinfo/ExperimentRun/
/// {dataContainerId}/{prefix}` (`user_logs`, `system_logs`). Emulated runs write no logs, so the
/// listing of a known run's container is always empty, `{"value":[]}`; an unknown container is a 404.
struct ArtifactRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    static let route = "/artifact/v2.0" + WorkspaceScope.routeScope

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        router.on(.GET, Self.route + "/artifacts/prefix/contentinfo/ExperimentRun/{dataContainerId}/{prefix}") { request in
            LowercaseAzureError.restyle(gate.service(.listRunArtifacts, request) { request, _ throws(AzureError) in try list(request) })
        }
    }

    private func list(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let container = request.pathParameters["dataContainerId"] ?? ""
        let prefix = RunHistoryEntry.dataContainerPrefix
        guard container.hasPrefix(prefix), services.registry.run(id: String(container.dropFirst(prefix.count))) != nil else {
            throw .notFound("ContainerNotFound", "Artifact container ExperimentRun/\(container) was not found.")
        }
        let body: JSONValue = .object(["value": .array([]), "continuationToken": .null, "nextLink": .null])
        return HTTPResponse.json(.ok, body.serialized)
    }
}
