import HTTPServer

/// v1 schedules on the pipelines service paths, as SDK 1.62 calls them (observed §5): create, the
/// three lists, get, the whole-entity `PUT` of `enable`/`disable`/`update`, and the runs and last run
/// of a schedule. The emulator never fires a schedule on its own clock; `POST /emulator/schedules/{id}/fire`
/// (AdminRoutes) records a fire.
struct ScheduleRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        let ws = WorkspaceScope.pipelinesRoute
        router.on(.POST, ws + "/Schedules/Create") { request in
            gate.service(.createSchedule, request) { request, _ throws(AzureError) in try create(request) }
        }
        router.on(.GET, ws + "/Schedules") { request in
            gate.service(.listSchedules, request) { request, _ throws(AzureError) in try list(request) { _ in true } }
        }
        router.on(.GET, ws + "/Schedules/Pipeline/{pipelineId}") { request in
            gate.service(.listSchedules, request) { request, _ throws(AzureError) in
                let id = request.pathParameters["pipelineId"] ?? ""
                return try list(request) { $0.target == .pipeline(id) }
            }
        }
        router.on(.GET, ws + "/Schedules/PipelineEndpoint/{endpointId}") { request in
            gate.service(.listSchedules, request) { request, _ throws(AzureError) in
                let id = request.pathParameters["endpointId"] ?? ""
                return try list(request) { $0.target == .endpoint(id) }
            }
        }
        router.on(.GET, ws + "/Schedules/{scheduleId}") { request in
            gate.service(.getSchedule, request) { request, _ throws(AzureError) in
                respond(try Self.schedule(request, services), request)
            }
        }
        router.on(.PUT, ws + "/Schedules/{scheduleId}") { request in
            gate.service(.putSchedule, request) { request, _ throws(AzureError) in try put(request) }
        }
        router.on(.GET, ws + "/PipelineRuns/Schedule/{scheduleId}") { request in
            gate.service(.listPipelineRuns, request) { request, _ throws(AzureError) in try runs(request) }
        }
        router.on(.GET, ws + "/PipelineRuns/Schedule/{scheduleId}/Last") { request in
            gate.service(.listPipelineRuns, request) { request, _ throws(AzureError) in try lastRun(request) }
        }
    }

    /// 200 with the new schedule, provisioned at once (the SDK treats 201 as a failure).
    private func create(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let schedule = try ScheduleSpec.created(
            from: request.body, pipelines: services.registry, endpoints: services.endpoints, now: services.clock())
        services.schedules.add(schedule)
        return respond(schedule, request)
    }

    /// A plain array, oldest first, of the schedules `matches` keeps; `activeOnly=true` keeps the
    /// Active ones (the SDK sends it only on the list of all schedules).
    private func list(_ request: HTTPRequest, _ matches: (EmulatedSchedule) -> Bool) throws(AzureError) -> HTTPResponse {
        let activeOnly = try ActiveOnlyQuery.read(request)
        let style = services.style(for: request)
        let schedules = services.schedules.schedules().filter { matches($0) && (!activeOnly || $0.status == .active) }
        return HTTPResponse.json(.ok, JSONValue.array(schedules.map { $0.wire(style) }).serialized)
    }

    /// The SDK reads the entity, changes it and sends all of it back; 200 with the stored entity.
    private func put(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let id = request.pathParameters["scheduleId"] ?? ""
        let now = services.clock()
        let updated = try services.schedules.update(id: id) { schedule throws(AzureError) in
            try ScheduleSpec.apply(entity: request.body, to: &schedule, now: now)
        }
        guard let updated else { throw Self.notFound(id) }
        return respond(updated, request)
    }

    /// `PipelineRunEntity`s the schedule started, newest first.
    private func runs(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let schedule = try Self.schedule(request, services)
        return HTTPResponse.json(.ok, services.wire(services.registry.runs(scheduleID: schedule.id), for: request).serialized)
    }

    /// The newest run, or 204 with no body when the schedule has not run (the SDK's `None`).
    private func lastRun(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let schedule = try Self.schedule(request, services)
        guard let run = services.registry.runs(scheduleID: schedule.id).first else { return HTTPResponse(status: .noContent) }
        return HTTPResponse.json(.ok, services.wire(run, for: request).serialized)
    }

    private func respond(_ schedule: EmulatedSchedule, _ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse.json(.ok, schedule.wire(services.style(for: request)).serialized)
    }

    static func schedule(_ request: HTTPRequest, _ services: EmulatorServices) throws(AzureError) -> EmulatedSchedule {
        let id = request.pathParameters["scheduleId"] ?? ""
        guard let schedule = services.schedules.schedule(id: id) else { throw notFound(id) }
        return schedule
    }

    static func notFound(_ id: String) -> AzureError {
        .notFound("ScheduleNotFound", "Schedule \(id) was not found in the workspace.")
    }
}
