import AzureML
import Foundation
import HTTPServer
import JSON
import Observability
import Scheduling
import Storage

/// `/v1/schedules`: the SDK's `Schedule` verbs over the store, armed in the scheduler as they change.
struct ScheduleRoutes: Sendable {
    let store: any Store
    let ledger: RunLedger
    let backend: AzureMLBackend
    let scheduler: SchedulerEngine
    /// Lists datastore folders: the baseline of a change-based schedule is taken before it is stored.
    let watcher: DatastoreWatcher
    /// The scheduler's time (the wall clock, or a scaled one in tests): creation, `next` and the
    /// arming of changes must agree with the engine about what "now" is.
    let clock: any SchedulerClock
    let logger: Logger

    static let problemType = "https://pipeline-gateway.dev/problems/invalid-schedule"

    func register(on router: inout Router) {
        let routes = self
        router.on(.POST, "/v1/schedules", async: { request in try await routes.create(request) })
        router.on(.GET, "/v1/schedules", async: { request in try await routes.list(request) })
        router.on(.GET, "/v1/schedules/{id}", async: { request in
            let (record, definition) = try await routes.existing(request)
            return try routes.answer(.ok, record, definition)
        })
        router.on(.DELETE, "/v1/schedules/{id}", async: { request in try await routes.delete(request) })
        router.on(.PATCH, "/v1/schedules/{id}", async: { request in try await routes.update(request) })
        router.on(.POST, "/v1/schedules/{id}/disable", async: { request in try await routes.setStatus("Disabled", request) })
        router.on(.POST, "/v1/schedules/{id}/enable", async: { request in try await routes.setStatus("Active", request) })
        router.on(.POST, "/v1/schedules/{id}/trigger", async: { request in try await routes.trigger(request) })
        router.on(.GET, "/v1/schedules/{id}/next", async: { request in try await routes.next(request) })
        router.on(.GET, "/v1/schedules/{id}/runs", async: { request in try await routes.runs(request) })
    }

    /// `POST`; with `?dry_run=true` every check of a real create runs (the pipeline, its parameters, a
    /// watched folder's datastore) and the answer is 200 with the schedule that would be made, its `id`
    /// a placeholder: nothing is stored or armed.
    func create(_ request: HTTPRequest) async throws -> HTTPResponse {
        try TriggerHandler.checkContentType(request)
        let dryRun = try TriggerHandler.dryRun(request, shape: .v1)
        let (record, definition) = try await createSchedule(body: request.body, dryRun: dryRun, by: ScheduleActor(request))
        if dryRun { return try answer(.ok, record, definition) }
        var response = try answer(.created, record, definition)
        response.headers.set("Location", "/v1/schedules/\(record.id)")
        return response
    }

    /// Creates a schedule from a `POST /v1/schedules` body, validated and armed as the API does it.
    /// The import and the SDK facade call this too, so their schedules obey the same rules; a
    /// `Disabled` one (the import's) is neither armed nor baselined, since enabling does both.
    /// Throws the API's `HTTPError` (problem with pointers into `body`) for a body it refuses.
    /// `dryRun`: every check runs, nothing is stored or armed; the schedule that would be is returned.
    /// `createdAt` (never later than now) backdates an imported schedule to its Azure creation, so the
    /// copy's calendar starts where Azure's did: an occurrence between the last Azure run and the import
    /// is still the copy's to fire when it takes over.
    func createSchedule(
        body: [UInt8], status: String = "Active", importedFrom: String? = nil, createdAt: Date? = nil, dryRun: Bool = false, by actor: ScheduleActor
    ) async throws -> (ScheduleRecord, ScheduleDefinition) {
        let now = min(createdAt ?? clock.now(), clock.now())
        var parsed: ScheduleRequest
        switch ScheduleRequest.parse(body, createdAt: now) {
        case .success(let value): parsed = value
        case .failure(let failure): throw failure.error("schedule", type: Self.problemType)
        }
        parsed.definition.importedFrom = importedFrom
        try await checkPipeline(parsed.target, definition: parsed.definition)
        // What is in a watched folder now never triggers; every file that lands after the 201 does.
        let active = status == "Active"
        let baseline = active ? try await baseline(parsed.definition) : []
        var record = ScheduleRecord(
            id: RandomUUID.make(), name: parsed.name, pipelineID: "", status: status, definition: parsed.definition.encoded(),
            createdBy: actor.principal, updatedBy: actor.principal, createdAt: now)
        record.aim(at: parsed.target)
        if dryRun { return (record, parsed.definition) }
        try await store.insertSchedule(record, seen: baseline)
        if active { try await arm(record, parsed.definition, lastFired: nil) }
        audit("created", record, actor)
        return (record, parsed.definition)
    }

    func list(_ request: HTTPRequest) async throws -> HTTPResponse {
        let limit = try ListQuery.limit(request)
        let cursor = try ListQuery.sequenceCursor(request)
        var activeOnly = true
        if let text = request.query("active_only") {
            switch text.lowercased() {
            case "true", "1": activeOnly = true
            case "false", "0": activeOnly = false
            default: throw QueryProblem.invalid("active_only", "must be true or false")
            }
        }
        let pipelineID = request.query("pipeline_id").flatMap { $0.isEmpty ? nil : $0 }
        let endpointID = request.query("pipeline_endpoint_id").flatMap { $0.isEmpty ? nil : $0 }
        let page = try await store.schedules(
            activeOnly: activeOnly, pipelineID: pipelineID, pipelineEndpointID: endpointID, limit: limit, cursor: cursor)
        let items = page.items.compactMap { record in ScheduleDefinition.decode(record.definition).map { ScheduleResource(record, definition: $0, now: clock.now()) } }
        return try JSONResponse.make(.ok, ListPage(items: items, nextCursor: page.nextCursor.map(ListQuery.encodeSequence)))
    }

    /// `PATCH`: a JSON merge patch over the fields `create` takes, validated whole like a create, applied
    /// only if `If-Match` (when sent) names the stored version — else 412 and nothing changes. With
    /// `?dry_run=true` the same checks run and the answer is the schedule as it would be; nothing changes.
    func update(_ request: HTTPRequest) async throws -> HTTPResponse {
        try TriggerHandler.checkContentType(request)
        let dryRun = try TriggerHandler.dryRun(request, shape: .v1)
        let (record, definition) = try await existing(request)
        let patch = try MergePatchRequest.patch(request, problemType: Self.problemType)
        try MergePatchRequest.checkIfMatch(request, etag: ScheduleResource.etag(record), resource: "schedule")
        let (stored, storedDefinition) = try await updateSchedule(record, definition, patch: patch, dryRun: dryRun, by: ScheduleActor(request))
        return try answer(.ok, stored, storedDefinition)
    }

    /// Applies a merge patch over the create-body form of a stored schedule (the API's `PATCH`, the
    /// SDK facade's `PUT`), validated whole like a create; 412 when the schedule changed meanwhile.
    /// What only the gateway sets (`imported_from`, `handover`) is kept. `dryRun`: checked, not stored; the
    /// schedule as the patch would leave it is returned.
    func updateSchedule(
        _ record: ScheduleRecord, _ definition: ScheduleDefinition, patch: JSONNode, dryRun: Bool = false, by actor: ScheduleActor
    ) async throws -> (ScheduleRecord, ScheduleDefinition) {
        let current = try JSONParser().parse(Array(definition.createBody(name: record.name, target: record.target(definition)).utf8))
        var writer = JSONWriter()
        writer.write(MergePatch.apply(patch, to: current))
        var parsed: ScheduleRequest
        switch ScheduleRequest.parse(writer.bytes, createdAt: record.createdAt) {
        case .success(let value): parsed = value
        case .failure(let failure): throw failure.error("patched schedule", type: Self.problemType)
        }
        parsed.definition.importedFrom = definition.importedFrom
        parsed.definition.handover = definition.handover
        try await checkPipeline(parsed.target, definition: parsed.definition)
        // A new watch target (datastore, folder or pattern) starts from a new baseline; other changes
        // keep the seen-state, so files that arrived since the last poll still trigger.
        let watched = { (d: ScheduleDefinition) in [d.datastore ?? "", d.folder, d.filePattern ?? ""] }
        let newBaseline: [SeenBlob]? = record.isActive && parsed.definition.isChangeBased
            && (!definition.isChangeBased || watched(definition) != watched(parsed.definition))
            ? try await baseline(parsed.definition) : nil
        var changed = record
        changed.name = parsed.name
        changed.aim(at: parsed.target)
        changed.definition = parsed.definition.encoded()
        changed.updatedBy = actor.principal
        changed.updatedAt = Date()
        if dryRun { return (changed, parsed.definition) }
        switch try await store.replaceSchedule(changed, expectedVersion: record.version) {
        case .updated(let stored):
            if let newBaseline { try await store.replaceSeenBlobs(scheduleID: stored.id, with: newBaseline) }
            if stored.isActive {
                // The new trigger counts from now: an update never replays past occurrences.
                try await arm(stored, parsed.definition, lastFired: max(clock.now(), stored.lastFireAt ?? .distantPast))
            }
            audit("updated", stored, actor)
            return (stored, parsed.definition)
        case .stale(let current):
            throw HTTPError(.preconditionFailed, detail: "The schedule changed while this request ran; read it again and retry.", headers: ["ETag": ScheduleResource.etag(current)])
        case .notFound:
            throw HTTPError(.notFound, detail: "No schedule with id '\(record.id)'.")
        }
    }

    func delete(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (record, _) = try await existing(request)
        _ = try await store.deleteSchedule(id: record.id)
        await scheduler.disarm(record.id)
        audit("deleted", record, ScheduleActor(request))
        return HTTPResponse(status: .noContent)
    }

    func setStatus(_ status: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        let (record, definition) = try await existing(request)
        let stored = try await changeStatus(record, definition, to: status, by: ScheduleActor(request))
        return try answer(.ok, stored, definition)
    }

    /// Enables or disables a schedule (the API's verbs, the SDK facade's status change, a take-over).
    /// `armedAfter` is when an enabled schedule counts from (default: now): enabling never replays
    /// what was missed while disabled, and a take-over starts after the other side's last run.
    /// `unseenSince`: an enabled change-based schedule's baseline leaves out blobs written after this
    /// instant, so its first poll runs them — a take-over's files that Azure had not run yet.
    func changeStatus(
        _ record: ScheduleRecord, _ definition: ScheduleDefinition, to status: String, armedAfter: Date? = nil, unseenSince: Date? = nil,
        by actor: ScheduleActor
    ) async throws -> ScheduleRecord {
        guard record.status != status else { return record }
        if status == "Active" {
            // The mirror of refusing to disable a scheduled pipeline: a schedule is not armed to fire at
            // a pipeline (or endpoint) that would refuse every run (409, as a create would answer).
            try await checkTargetActive(record, definition)
        }
        // Enabling a change-based schedule never replays what landed while it was disabled.
        var newBaseline = status == "Active" && definition.isChangeBased ? try await baseline(definition) : nil
        if let unseenSince { newBaseline?.removeAll { $0.lastModified > unseenSince } }
        var changed = record
        changed.status = status
        changed.updatedBy = actor.principal
        changed.updatedAt = Date()
        guard case .updated(let stored) = try await store.replaceSchedule(changed, expectedVersion: record.version) else {
            throw HTTPError(.conflict, detail: "The schedule changed while this request ran; retry.")
        }
        if let newBaseline { try await store.replaceSeenBlobs(scheduleID: stored.id, with: newBaseline) }
        if status == "Active" {
            let from = armedAfter ?? clock.now()
            try await arm(stored, definition, lastFired: max(from, stored.lastFireAt ?? .distantPast))
        } else {
            await scheduler.disarm(stored.id)
        }
        audit(status == "Active" ? "enabled" : "disabled", stored, actor)
        return stored
    }

    func trigger(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (record, definition) = try await existing(request)
        guard !definition.isChangeBased else {
            throw HTTPError(.conflict, detail: "A change-based schedule starts runs for new files in its folder; it has no run to start now.")
        }
        // Like an API trigger: a disabled pipeline or endpoint is a 409 here, not Azure's refusal.
        try await checkTargetActive(record, definition)
        let body = definition.triggerBody
        let trigger = TriggerRequest(
            pipelineID: record.pipelineID, experimentName: definition.experimentName, source: "schedule",
            parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
            continueOnStepFailure: definition.continueOnStepFailure, pipelineEndpointID: record.pipelineEndpointID,
            pipelineVersion: record.pipelineEndpointID == nil ? nil : definition.pipelineVersion, scheduleID: record.id,
            scheduledTime: clock.now(), encodeBody: { body.azureBody(gatewayRunID: $0) }, fingerprint: [])
        switch try await ledger.trigger(trigger, idempotency: nil) {
        case .accepted(let run):
            return .json(.accepted, RunResource.json(run), headers: ["Location": "/v1/runs/\(run.id)"])
        case .refused(let run, let error):
            throw TriggerHandler.upstream(error, run: run, unresolved: false)
        case .unresolved(let run, let error):
            throw TriggerHandler.upstream(error, run: run, unresolved: true)
        case .replay, .inFlight, .keyReused:
            throw HTTPError(.conflict, detail: "The run could not be started; retry.")
        }
    }

    func next(_ request: HTTPRequest) async throws -> HTTPResponse {
        var count = 10
        if let text = request.query("count") {
            guard let value = Int(text), (1...100).contains(value) else { throw QueryProblem.invalid("count", "must be a whole number from 1 to 100") }
            count = value
        }
        let (record, definition) = try await existing(request)
        guard !definition.isChangeBased else {
            throw HTTPError(.conflict, detail: "A change-based schedule fires when files change, not at times; it has no next fire times.")
        }
        let calendar = try definition.calendar(createdAt: record.createdAt)
        var times: [Date] = []
        if record.isActive, let first = ScheduleResource.nextFire(record, definition, now: clock.now()) {
            times = [first] + calendar.nextFireTimes(after: first, count: count - 1)
        }
        let zone = definition.recurrence?.timeZone ?? definition.cron?.timeZone ?? "UTC"
        let list = times.map { JSONText.quote(rfc3339UTC($0)) }.joined(separator: ",")
        return .json(.ok, "{\"time_zone\":\(JSONText.quote(zone)),\"times\":[\(list)]}")
    }

    func runs(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (record, _) = try await existing(request)
        let limit = try ListQuery.limit(request)
        let cursor = try ListQuery.sequenceCursor(request)
        let page = try await store.runs(RunFilter(scheduleID: record.id), limit: limit, cursor: cursor)
        return .json(.ok, RunResource.list(page.items, nextCursor: page.nextCursor.map(ListQuery.encodeSequence)))
    }

    // MARK: Helpers

    func existing(_ request: HTTPRequest) async throws -> (ScheduleRecord, ScheduleDefinition) {
        let id = request.pathParameters["id"] ?? ""
        guard let record = try await store.schedule(id: id), let definition = ScheduleDefinition.decode(record.definition) else {
            throw HTTPError(.notFound, detail: "No schedule with id '\(id)'.")
        }
        return (record, definition)
    }

    /// The pipeline (or the endpoint's chosen version's pipeline) must exist and be active, and the
    /// parameters must fit it, as for a trigger; a change-based schedule's `data_path_parameter_name`
    /// must be one of its DataPath parameters. An endpoint's unknown version is a 422 at `/pipeline_version`.
    func checkPipeline(_ target: SubmitTarget, definition: ScheduleDefinition) async throws {
        let pipeline = try await backend.definitions.resolve(target, backend: backend, versionPointer: "/pipeline_version").definition
        try TriggerHandler.checkActive(pipeline)
        if let parameter = definition.dataPathParameterName, !pipeline.interface.dataPathParameters.contains(where: { $0.name == parameter }) {
            let declared = pipeline.interface.dataPathParameters.map(\.name)
            throw HTTPError(
                .unprocessableContent, title: "Unprocessable Content",
                detail: "The pipeline has no DataPath parameter '\(parameter)'.", type: Self.problemType,
                errors: [.init(
                    pointer: "/data_path_parameter_name",
                    detail: declared.isEmpty ? "The pipeline declares no DataPath parameters." : "Declared: \(declared.joined(separator: ", ")).")])
        }
        // A change-based run carries the changed file in that parameter: check a body that has it.
        let body = definition.isChangeBased ? definition.triggerBody(forBlob: definition.folder.isEmpty ? "file" : definition.folder + "/file") : definition.triggerBody
        let problems = TriggerValidation.check(body, against: pipeline.interface).map { problem in
            TriggerProblem(
                pointer: problem.pointer.replacingOccurrences(of: "/ParameterAssignments", with: "/pipeline_parameters")
                    .replacingOccurrences(of: "/DataPathAssignments", with: "/data_path_assignments"),
                detail: problem.detail)
        }
        guard problems.isEmpty else {
            throw HTTPError(
                .unprocessableContent, title: "Unprocessable Content",
                detail: "The schedule's parameters do not fit the pipeline's declared ones (\(problems.count) problem\(problems.count == 1 ? "" : "s")).",
                type: Self.problemType, errors: problems.map { .init(pointer: $0.pointer, detail: $0.detail) })
        }
    }

    /// The schedule's pipeline — or its endpoint and the version it runs now — exist and take runs (409 otherwise).
    func checkTargetActive(_ record: ScheduleRecord, _ definition: ScheduleDefinition) async throws {
        try TriggerHandler.checkActive(try await backend.definitions.resolve(record.target(definition), backend: backend).definition)
    }

    /// A change-based schedule's folder as it is now, or [] for a time-based one. The datastore must
    /// exist and be a blob datastore (422 naming `/datastore`); a folder that cannot be listed is the
    /// upstream problem (502/503/504), and nothing is stored.
    func baseline(_ definition: ScheduleDefinition) async throws -> [SeenBlob] {
        guard definition.isChangeBased else { return [] }
        do {
            return try await watcher.baseline(definition)
        } catch {
            throw Self.datastoreProblem(error, name: definition.datastore ?? "")
        }
    }

    static func datastoreProblem(_ error: AzureMLError, name: String) -> HTTPError {
        let unknown = error.code == .notFound && error.operation == "get_datastore"
        if unknown || error.azureCode == AzureMLError.unsupportedDatastoreCode {
            let detail = unknown ? "The workspace has no datastore named '\(name)'." : error.message
            return HTTPError(
                .unprocessableContent, title: "Unprocessable Content", detail: detail, type: problemType,
                errors: [.init(pointer: "/datastore", detail: detail)])
        }
        if error.code == .notFound {
            // The datastore names a container Storage does not have: the upstream is misconfigured.
            return HTTPError(.badGateway, detail: "The datastore's folder could not be listed: \(error.message)", type: UpstreamProblem.type)
        }
        return UpstreamProblem.error(error)
    }

    func arm(_ record: ScheduleRecord, _ definition: ScheduleDefinition, lastFired: Date?) async throws {
        let calendar = try definition.calendar(createdAt: record.createdAt)
        await scheduler.arm(record.id, calendar: calendar, lastFired: lastFired, catchup: definition.catchupPolicy)
    }

    func answer(_ status: HTTPStatus, _ record: ScheduleRecord, _ definition: ScheduleDefinition) throws -> HTTPResponse {
        try JSONResponse.make(status, ScheduleResource(record, definition: definition, now: clock.now()), headers: ["ETag": ScheduleResource.etag(record)])
    }

    /// One line per change, for whoever has to answer "who changed this schedule, and when".
    func audit(_ change: String, _ record: ScheduleRecord, _ actor: ScheduleActor) {
        logger.info("schedule \(change)", [
            "audit": .bool(true), "key_name": .string(actor.principal ?? "anonymous"), "schedule_id": .string(record.id),
            "change": .string(change), "request_id": .string(actor.requestID),
        ])
    }
}
