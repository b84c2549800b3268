import AzureML
import HTTPServer
import Storage

/// `/v1/pipelines`: the workspace's published pipelines with their declared parameters, and the
/// SDK's enable/disable verbs. Reads go to Azure ML each time (statuses change there); declared
/// interfaces come from the short-lived cache.
enum PipelineRoutes {
    static func register(on router: inout Router, backend: AzureMLBackend, store: any Store) {
        router.on(.GET, "/v1/pipelines", async: { request in try await list(request, backend: backend) })
        router.on(.GET, "/v1/pipelines/{pipeline_id}", async: { request in
            let id = request.pathParameters["pipeline_id"] ?? ""
            return try JSONResponse.make(.ok, try await resource(id: id, backend: backend))
        })
        router.on(.POST, "/v1/pipelines/{pipeline_id}/disable", async: { request in
            try await refuseWhileScheduled(request.pathParameters["pipeline_id"] ?? "", store: store, backend: backend)
            return try await setStatus(.disabled, request, backend: backend)
        })
        router.on(.POST, "/v1/pipelines/{pipeline_id}/enable", async: { request in
            try await setStatus(.active, request, backend: backend)
        })
    }

    /// Which pipelines `?status=` selects: one status by name, or `all`.
    enum StatusFilter: Equatable {
        case only(String)
        case all

        init(_ request: HTTPRequest) throws(HTTPError) {
            let text = request.query("status") ?? "Active"
            switch text.lowercased() {
            case "all": self = .all
            case "active", "disabled", "deprecated": self = .only(text.prefix(1).uppercased() + text.dropFirst().lowercased())
            default: throw QueryProblem.invalid("status", "must be Active, Disabled, Deprecated or all")
            }
        }

        /// Whether Azure's list should be asked for active entities only.
        var isActiveOnly: Bool { self == .only("Active") }

        /// The items whose status passes, sorted by name then id (a stable order for paging).
        func selected<Item>(_ items: [Item], status: (Item) -> String, name: (Item) -> String, id: (Item) -> String) -> [Item] {
            items.filter { self == .all || self == .only(status($0)) }.sorted { (name($0), id($0)) < (name($1), id($1)) }
        }
    }

    static func list(_ request: HTTPRequest, backend: AzureMLBackend) async throws -> HTTPResponse {
        let filter = try StatusFilter(request)
        let query = try ListQuery(request)
        let client = try backend.client()
        let pipelines: [PublishedPipeline]
        do {
            pipelines = try await client.listPipelines(activeOnly: filter.isActiveOnly)
        } catch {
            throw UpstreamProblem.error(error)
        }
        let page = query.page(filter.selected(pipelines, status: \.status.name, name: \.name, id: \.id))
        var resources: [PipelineResource] = []
        for pipeline in page.items {
            resources.append(PipelineResource(pipeline, interface: try await interface(of: pipeline, client: client, backend: backend)))
        }
        return try JSONResponse.make(.ok, ListPage(items: resources, nextCursor: page.nextCursor))
    }

    static func resource(id: String, backend: AzureMLBackend) async throws -> PipelineResource {
        let client = try backend.client()
        let pipeline: PublishedPipeline
        do {
            pipeline = try await client.pipeline(id: id)
        } catch {
            throw UpstreamProblem.error(error, notFound: "No published pipeline with id '\(id)' in the workspace.")
        }
        return PipelineResource(pipeline, interface: try await interface(of: pipeline, client: client, backend: backend))
    }

    static func interface(of pipeline: PublishedPipeline, client: AzureMLClient, backend: AzureMLBackend) async throws -> PipelineInterface {
        guard let graphID = pipeline.graphID else { return PipelineInterface() }
        do {
            return try await backend.interfaces.interface(graphID: graphID) { () async throws(AzureMLError) in
                try await client.interface(graphID: graphID)
            }
        } catch {
            throw UpstreamProblem.error(error)
        }
    }

    /// Disabling a pipeline that active schedules use would make each of their fires fail: the caller
    /// is told which schedules to disable or repoint first (DESIGN "Operations"). A schedule that runs
    /// a pipeline endpoint uses the pipeline of the version it would run now (pinned, or the default);
    /// an endpoint that cannot be read is not counted, since it could not be fired either.
    static func refuseWhileScheduled(_ pipelineID: String, store: any Store, backend: AzureMLBackend) async throws {
        var users: [ScheduleRecord] = []
        for schedule in try await store.activeSchedules() {
            if schedule.pipelineEndpointID == nil {
                if schedule.pipelineID == pipelineID { users.append(schedule) }
                continue
            }
            guard let definition = ScheduleDefinition.decode(schedule.definition),
                case .endpoint(let endpointID, let version) = schedule.target(definition),
                let endpoint = try? await backend.definitions.endpoint(endpointID, backend: backend)
            else { continue }
            if endpoint.version(version)?.pipelineID == pipelineID { users.append(schedule) }
        }
        guard !users.isEmpty else { return }
        let names = users.map { "'\($0.name)' (\($0.id))" }.joined(separator: ", ")
        throw HTTPError(
            .conflict,
            detail: "Pipeline '\(pipelineID)' is used by \(users.count) active schedule\(users.count == 1 ? "" : "s"): \(names); disable them first.",
            extensions: [("schedule_ids", users.map(\.id).joined(separator: ","))])
    }

    static func setStatus(_ status: PipelineStatus, _ request: HTTPRequest, backend: AzureMLBackend) async throws -> HTTPResponse {
        let id = request.pathParameters["pipeline_id"] ?? ""
        let client = try backend.client()
        do {
            try await client.setPipelineStatus(id: id, status)
            backend.definitions.forget(id)
        } catch {
            throw UpstreamProblem.error(error, notFound: "No published pipeline with id '\(id)' in the workspace.")
        }
        return try JSONResponse.make(.ok, try await resource(id: id, backend: backend))
    }
}
