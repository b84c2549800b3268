import Foundation
import HTTPServer

/// The ARM workspace resource, `GET {base}/subscriptions/{s}/resourceGroups/{g}/providers/
/// Microsoft.MachineLearningServices/workspaces/{w}?api-version=…`: the first call of the SDK's
/// `Workspace(...)`. Its `properties.discoveryUrl` sends the SDK to `DiscoveryRoutes`, which names
/// this emulator for every service. Bearer token required; errors in ARM's lower-case shape.
struct ARMWorkspaceRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    /// The workspace's immutable id (`properties.workspaceId`), fixed so it survives restarts;
    /// the SDK keys its on-disk discovery cache with it.
    static let workspaceID = "d3e0a1b2-0000-4000-8000-0000000000a1"
    static let location = "local"
    /// Like the id, fixed: the workspace is the same one across restarts (2026-01-01T00:00:00Z).
    static let createdAt = Date(timeIntervalSince1970: 1_767_225_600)

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        router.on(.GET, WorkspaceScope.routeScope) { request in
            LowercaseAzureError.restyle(gate.service(.getWorkspace, request) { request, _ throws(AzureError) in try get(request) })
        }
    }

    private func get(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        guard let version = request.query("api-version"), !version.isEmpty else {
            throw .badRequest(
                "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")
        }
        let base = services.baseURL(for: request)
        let body: JSONValue = .object([
            "id": .string(WorkspaceScope.resourcePath),
            "name": .string(WorkspaceScope.workspaceName),
            "type": .string("Microsoft.MachineLearningServices/workspaces"),
            "location": .string(Self.location),
            "tags": .object([:]),
            "kind": .string("Default"),
            "sku": .object(["name": .string("Basic"), "tier": .string("Basic")]),
            "properties": .object([
                "friendlyName": .string(WorkspaceScope.workspaceName),
                "description": .string("Azure ML workspace emulated by pipeline-gateway."),
                "workspaceId": .string(Self.workspaceID),
                "discoveryUrl": .string(base + DiscoveryRoutes.path),
                "provisioningState": .string("Succeeded"),
                "creationTime": .string(AzureTimestamp.format(Self.createdAt)),
                "hbiWorkspace": .bool(false),
                "publicNetworkAccess": .string("Enabled"),
            ]),
        ])
        return HTTPResponse.json(.ok, body.serialized)
    }
}
