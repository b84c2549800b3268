import HTTPServer

/// The emulator's own API under `/emulator/` (no auth): publish pipelines, put endpoints in front of
/// them, script run outcomes, fire v1 schedules, plan faults, read the call log. Errors use the same `{"Error":{"Code","Message"}}` shape as the
/// emulated services, so one parser serves a test for both.
struct AdminRoutes: EmulatorRouteGroup {
    let services: EmulatorServices

    func register(on router: inout Router) {
        router.on(.POST, "/emulator/pipelines") { request in answer { () throws(AzureError) in try publish(request) } }
        router.on(.POST, "/emulator/pipeline-endpoints") { request in answer { () throws(AzureError) in try createEndpoint(request) } }
        router.on(.PATCH, "/emulator/pipeline-endpoints/{endpointId}") { request in
            answer { () throws(AzureError) in try patchEndpoint(request) }
        }
        router.on(.POST, "/emulator/schedules/{scheduleId}/fire") { request in answer { () throws(AzureError) in try fireSchedule(request) } }
        router.on(.POST, "/emulator/runs/{runId}/status") { request in answer { () throws(AzureError) in try setRunStatus(request) } }
        router.on(.POST, "/emulator/faults") { request in answer { () throws(AzureError) in try addFault(request) } }
        router.on(.GET, "/emulator/faults") { _ in
            .now(HTTPResponse.json(.ok, JSONValue.object(["items": .array(services.faults.pending.map(\.wire))]).serialized))
        }
        router.on(.DELETE, "/emulator/faults") { _ in
            services.faults.clear()
            return .now(HTTPResponse(status: .noContent))
        }
        router.on(.GET, "/emulator/calls") { request in answer { () throws(AzureError) in try listCalls(request) } }
        router.on(.DELETE, "/emulator/calls") { _ in
            services.calls.clear()
            return .now(HTTPResponse(status: .noContent))
        }
    }

    private func answer(_ body: () throws(AzureError) -> HTTPResponse) -> HTTPReply {
        do throws(AzureError) {
            return .now(try body())
        } catch {
            return .now(error.response)
        }
    }

    /// 201 with the pipeline in Azure's `PipelineEntity` shape; its interface is served at once.
    private func publish(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let pipeline = try PipelineSpec.pipeline(from: request.body, now: services.clock())
        guard services.registry.pipeline(id: pipeline.id) == nil else {
            throw AzureError(status: .conflict, code: "PipelineExists", message: "A pipeline with id \(pipeline.id) already exists.")
        }
        services.registry.publish(pipeline)
        return HTTPResponse.json(.created, pipeline.wire(services.style(for: request)).serialized)
    }

    /// 201 with the endpoint in Azure's `PipelineEndpointEntity` shape; its pipelines must be published.
    private func createEndpoint(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let endpoint = try PipelineEndpointSpec.admin(from: request.body, pipelines: services.registry, now: services.clock())
        try PipelineEndpointRoutes.add(endpoint, services)
        return HTTPResponse.json(.created, endpoint.wire(services.style(for: request)).serialized)
    }

    /// `{"default_version","status"}`: 200 + the endpoint as it now is.
    private func patchEndpoint(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let id = request.pathParameters["endpointId"] ?? ""
        let now = services.clock()
        let updated = try services.endpoints.update(id: id) { endpoint throws(AzureError) in
            try PipelineEndpointSpec.adminPatch(request.body, to: &endpoint, now: now)
        }
        guard let updated else { throw PipelineEndpointRoutes.notFound(id) }
        return HTTPResponse.json(.ok, updated.wire(services.style(for: request)).serialized)
    }

    /// Records what Azure does when a v1 schedule fires (the emulator has no clock of its own for
    /// them): a run of the schedule's pipeline through the ordinary submit path. An optional body
    /// `{"time":"2026-11-25T10:15:00Z"}` dates the run (default now), so a test can place the Azure
    /// schedule's last run where a take-over must continue from. A Disabled schedule fires too: the
    /// call says a fire happened, not whether one should have. 201 + the run (`PipelineRunEntity`).
    private func fireSchedule(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let time = try FireTime.read(request.body) ?? services.clock()
        let id = request.pathParameters["scheduleId"] ?? ""
        guard let schedule = services.schedules.schedule(id: id) else { throw ScheduleRoutes.notFound(id) }
        return HTTPResponse.json(.created, services.wire(try services.fire(schedule, at: time), for: request).serialized)
    }

    /// `{"status":"Failed","detail":"…"}`: freezes the run in that status from now on; 200 + the run.
    private func setRunStatus(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        guard let object = JSONValue.parse(request.body)?.objectValue, let raw = object["status"],
              let code = RunStatusCode(wire: raw)
        else {
            throw .badRequest("InvalidRunStatus", "The body must be {\"status\": one of \(RunStatusCode.wireNames)}.")
        }
        let detail = object["detail"]?.stringValue
        let runID = request.pathParameters["runId"] ?? ""
        let now = services.clock()
        let updated = services.registry.updateRun(id: runID) { run in
            run.override = EmulatedRun.StatusOverride(code: code, detail: detail, at: now)
            run.etag = EmulatedPipeline.newETag()
        }
        guard let updated else { throw PipelineRunRoutes.notFound(runID) }
        return HTTPResponse.json(.ok, services.wire(updated, for: request).serialized)
    }

    private func addFault(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        let fault = services.faults.add(try FaultSpec.fault(from: request.body))
        services.logger.info("emulator fault planned", ["operation": .string(fault.target.name), "fault_id": .int(fault.id)])
        return HTTPResponse.json(.created, fault.wire.serialized)
    }

    /// `{"items":[…]}`, oldest first; `?operation=submit` narrows to one operation.
    private func listCalls(_ request: HTTPRequest) throws(AzureError) -> HTTPResponse {
        var operation: EmulatedOperation?
        if let name = request.query("operation") {
            guard let parsed = EmulatedOperation(rawValue: name) else {
                throw .badRequest("InvalidQueryParameter", "Unknown operation '\(name)'.")
            }
            operation = parsed
        }
        let items = services.calls.all(operation: operation).map(\.wire)
        return HTTPResponse.json(.ok, JSONValue.object(["items": .array(items)]).serialized)
    }
}
