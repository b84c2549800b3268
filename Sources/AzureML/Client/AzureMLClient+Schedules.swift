import Foundation

extension AzureMLClient {
    /// The workspace's v1 schedules (`GET {WS}/Schedules?activeOnly=…`, a plain array), as Azure
    /// describes them; an item without an `Id` makes the answer malformed, since nothing could be
    /// done with it (neither imported under its id nor disabled).
    public func listSchedules(activeOnly: Bool) async throws(AzureMLError) -> [PipelineScheduleEntity] {
        let operation = AzureMLOperation.listSchedules
        let answer = try await send(
            operation, method: "GET", path: ["Schedules"], query: [("activeOnly", activeOnly ? "true" : "false")])
        return try decodeList(PipelineScheduleEntity.self, from: answer, operation, item: "schedule") { entity in
            (entity.id?.isEmpty ?? true) ? nil : entity
        }
    }

    /// One v1 schedule (`GET {WS}/Schedules/{id}`).
    public func schedule(id: String) async throws(AzureMLError) -> PipelineScheduleEntity {
        let operation = AzureMLOperation.getSchedule
        let answer = try await send(operation, method: "GET", path: ["Schedules", id])
        var entity = try decode(PipelineScheduleEntity.self, from: answer, operation)
        if entity.id?.isEmpty ?? true { entity.id = id }
        return entity
    }

    /// Enables or disables a v1 schedule the way the SDK's `enable()`/`disable()` does: a GET, then a
    /// `PUT {WS}/Schedules/{id}` of the whole entity as read with `EntityStatus` set to the name.
    ///
    /// The entity travels as raw JSON, not through `PipelineScheduleEntity`, so fields this client has
    /// no model for (`Properties`, `RunType`, `ScheduleId`…) reach Azure exactly as it sent them. A PUT
    /// answer whose `ProvisioningStatus` is Failed is a failure, as the SDK treats it.
    public func setScheduleStatus(id: String, _ status: EntityStatus) async throws(AzureMLError) -> PipelineScheduleEntity {
        let operation = AzureMLOperation.putSchedule
        guard status == .active || status == .disabled else {
            throw AzureMLError(code: .badRequest, message: "a schedule's status can only be set to Active or Disabled", operation: operation.name)
        }
        let read = try await send(AzureMLOperation.getSchedule, method: "GET", path: ["Schedules", id])
        guard case .object(var members) = try decode(JSONValue.self, from: read, .getSchedule) else {
            throw malformed("the schedule is not a JSON object", read, .getSchedule)
        }
        members["EntityStatus"] = .string(status.name)
        let body: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            body = try encoder.encode(JSONValue.object(members))
        } catch {
            throw AzureMLError(code: .badRequest, message: "the schedule could not be encoded as JSON", operation: operation.name)
        }
        let answer = try await send(
            operation, method: "PUT", path: ["Schedules", id], body: body, contentType: "application/json-patch+json; charset=utf-8")
        var entity = try decode(PipelineScheduleEntity.self, from: answer, operation)
        if entity.provisioningStatus == .failed {
            throw AzureMLError(
                code: .serverError, statusCode: answer.response.status, message: "Azure ML reports that provisioning the schedule failed",
                clientRequestID: answer.clientRequestID, operation: operation.name)
        }
        if entity.id?.isEmpty ?? true { entity.id = id }
        return entity
    }

    /// The schedule's most recent run (`GET {WS}/PipelineRuns/Schedule/{id}/Last`), or nil when it has
    /// none: the service answers 204, an empty 200 or `{}` for that, and the SDK reads all three as None.
    /// A read of the schedule's runs, so it counts (and is faulted, in the emulator) as `list_pipeline_runs`.
    public func lastRun(scheduleID: String) async throws(AzureMLError) -> PipelineRun? {
        let operation = AzureMLOperation.listPipelineRuns
        let answer = try await send(
            operation, method: "GET", path: ["PipelineRuns", "Schedule", scheduleID, "Last"], successStatuses: [200, 204])
        let text = String(decoding: answer.response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if answer.response.status == 204 || text.isEmpty || text == "null" { return nil }
        if case .object(let members) = try decode(JSONValue.self, from: answer, operation), members.isEmpty { return nil }
        let entity = try decode(PipelineRunEntity.self, from: answer, operation)
        guard let run = PipelineRun(entity) else { throw malformed("the last run has no Id", answer, operation) }
        return run
    }
}
