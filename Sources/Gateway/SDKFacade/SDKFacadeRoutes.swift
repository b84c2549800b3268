import AzureML
import Foundation
import HTTPServer
import Storage

/// The SDK v1 facade (DESIGN "Migration from SDK v1"): with `AZUREML_DEV_URL_PIPELINES` pointing at
/// the gateway, an unmodified SDK script's pipelines-service calls come here. The Schedules
/// operations are answered from the gateway's own schedules in Azure's wire shape; every other
/// `/pipelines/v1.0/…` call is passed through to the configured pipelines service
/// (`PassThroughRoute`), except the submits, which `AzurePathRoutes` serves.
struct SDKFacadeRoutes: Sendable {
    let schedules: ScheduleRoutes
    let store: any Store
    let backend: AzureMLBackend
    let authenticator: FacadeAuthenticator

    static let workspace = AzurePathRoutes.workspaceRoute
    static let createRoute = workspace + "/Schedules/Create"
    static let listRoute = workspace + "/Schedules"
    static let scheduleRoute = workspace + "/Schedules/{schedule_id}"
    static let byPipelineRoute = workspace + "/Schedules/Pipeline/{pipeline_id}"
    static let byEndpointRoute = workspace + "/Schedules/PipelineEndpoint/{endpoint_id}"
    static let runsRoute = workspace + "/PipelineRuns/Schedule/{schedule_id}"
    static let lastRunRoute = runsRoute + "/Last"

    /// The routes served here; they authenticate their callers themselves (`FacadeAuthenticator`),
    /// since a caller's Azure AD token is as good as an API key on them.
    static let nativeRoutes: Set<String> = [createRoute, listRoute, scheduleRoute, byPipelineRoute, byEndpointRoute, runsRoute, lastRunRoute]

    /// Most runs of one schedule an answer lists (newest first); the SDK rebuilds each as a
    /// `PipelineRun`, which costs it several calls per run.
    static let runListLimit = 500

    func register(on router: inout Router) {
        let routes = self
        router.on(.POST, Self.createRoute, async: { request in try await routes.create(request) })
        router.on(.GET, Self.listRoute, async: { request in
            let activeOnly = try Self.activeOnly(request)
            return try await routes.list(request) { page in
                try await routes.store.schedules(activeOnly: activeOnly, pipelineID: nil, pipelineEndpointID: nil, limit: 500, cursor: page)
            }
        })
        router.on(.GET, Self.byPipelineRoute, async: { request in
            let id = request.pathParameters["pipeline_id"] ?? ""
            return try await routes.list(request) { page in
                try await routes.store.schedules(activeOnly: false, pipelineID: id, pipelineEndpointID: nil, limit: 500, cursor: page)
            }
        })
        router.on(.GET, Self.byEndpointRoute, async: { request in
            let id = request.pathParameters["endpoint_id"] ?? ""
            return try await routes.list(request) { page in
                try await routes.store.schedules(activeOnly: false, pipelineID: nil, pipelineEndpointID: id, limit: 500, cursor: page)
            }
        })
        router.on(.GET, Self.scheduleRoute, async: { request in try await routes.get(request) })
        router.on(.PUT, Self.scheduleRoute, async: { request in try await routes.put(request) })
        router.on(.GET, Self.runsRoute, async: { request in try await routes.runs(request, lastOnly: false) })
        router.on(.GET, Self.lastRunRoute, async: { request in try await routes.runs(request, lastOnly: true) })
    }

    // MARK: Reads

    func get(_ request: HTTPRequest) async throws -> HTTPResponse {
        _ = try await admit(request, needs: .reader)
        let (record, definition) = try await existing(request)
        return .json(.ok, FacadeScheduleEntity.json(try entity(record, definition)))
    }

    /// A plain array (the SDK refuses a `{"value":[…]}` wrapper) of every schedule the store lists,
    /// leaving out those with no v1 form: a list cannot fail for one schedule the SDK cannot read.
    func list(_ request: HTTPRequest, page: (Int64?) async throws -> StoredPage<ScheduleRecord>) async throws -> HTTPResponse {
        _ = try await admit(request, needs: .reader)
        var entities: [[UInt8]] = []
        var cursor: Int64?
        repeat {
            let batch = try await page(cursor)
            for record in batch.items {
                guard let definition = ScheduleDefinition.decode(record.definition),
                      case .success(let entity) = FacadeScheduleEntity.make(record, definition) else { continue }
                entities.append(FacadeScheduleEntity.json(entity))
            }
            cursor = batch.nextCursor
        } while cursor != nil
        return .json(.ok, Self.jsonArray(entities))
    }

    /// The schedule's runs from the ledger, newest first, in `PipelineRunEntity` shape with Azure's
    /// run id; only runs Azure accepted (a refused submit has no Azure run to rebuild). `Last` is the
    /// newest such run, or 204 when there is none (the SDK's `None`).
    func runs(_ request: HTTPRequest, lastOnly: Bool) async throws -> HTTPResponse {
        _ = try await admit(request, needs: .reader)
        let (record, _) = try await existing(request)
        let page = try await store.runs(RunFilter(scheduleID: record.id), limit: lastOnly ? 50 : Self.runListLimit, cursor: nil)
        let submitted = page.items.filter { $0.azureRunID != nil }
        if lastOnly {
            guard let last = submitted.first else { return HTTPResponse(status: .noContent) }
            return .json(.ok, AzureRunEntity.json(last))
        }
        return .json(.ok, Self.jsonArray(submitted.map(AzureRunEntity.json)))
    }

    // MARK: Helpers

    /// Azure's plain-array list body from already-encoded items.
    static func jsonArray(_ items: [[UInt8]]) -> [UInt8] {
        Array("[".utf8) + Array(items.joined(separator: Array(",".utf8))) + Array("]".utf8)
    }

    /// Authenticates the caller and checks the path names the gateway's workspace: only that one is
    /// served natively, and another workspace's schedules are not here (404, as Azure answers a
    /// workspace it does not know).
    func admit(_ request: HTTPRequest, needs role: APIKeyRing.Role) async throws -> String {
        let principal = try await authenticator.authorize(request, needs: role)
        guard let workspace = backend.workspace,
              request.pathParameters["subscription_id"]?.lowercased() == workspace.subscriptionID.lowercased(),
              request.pathParameters["resource_group"]?.lowercased() == workspace.resourceGroup.lowercased(),
              request.pathParameters["workspace"]?.lowercased() == workspace.workspaceName.lowercased() else {
            throw FacadeError.notFound(
                "The gateway serves the schedules of workspace '\(backend.workspace?.workspaceName ?? "")' only; this path names another.",
                code: "WorkspaceNotFound")
        }
        return principal
    }

    func existing(_ request: HTTPRequest) async throws -> (ScheduleRecord, ScheduleDefinition) {
        let id = request.pathParameters["schedule_id"] ?? ""
        guard let record = try await store.schedule(id: id), let definition = ScheduleDefinition.decode(record.definition) else {
            throw FacadeError.notFound("Schedule '\(id)' was not found.", code: "ScheduleNotFound")
        }
        return (record, definition)
    }

    func entity(_ record: ScheduleRecord, _ definition: ScheduleDefinition) throws -> PipelineScheduleEntity {
        switch FacadeScheduleEntity.make(record, definition) {
        case .success(let entity): return entity
        case .failure(let refusal): throw FacadeError.noV1Form(record.id, refusal.reason)
        }
    }

    /// `activeOnly` as the SDK sends it (`true`/`false`); absent means true, like `Schedule.list`.
    static func activeOnly(_ request: HTTPRequest) throws -> Bool {
        guard let text = request.query("activeOnly") else { return true }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw FacadeError.badRequest("The query parameter activeOnly must be true or false, not '\(text)'.")
        }
    }
}
