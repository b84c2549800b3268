import AzureML
import Foundation
import HTTPServer
import JSON
import Storage

extension SDKFacadeRoutes {
    /// The create-body fields a v1 entity sets; a `PUT` replaces exactly these, whole.
    static let v1Fields = [
        "name", "pipeline_id", "pipeline_endpoint_id", "description", "experiment_name", "pipeline_parameters", "data_path_assignments",
        "continue_on_step_failure", "recurrence", "datastore", "path_on_datastore", "polling_interval", "data_path_parameter_name",
    ]

    /// `POST {WS}/Schedules/Create`: a `ScheduleCreationInfo` made into a gateway schedule by the same
    /// conversion as the import, then created, validated and armed as `POST /v1/schedules` does.
    /// Answers 200 (the SDK treats 201 as an error) with the entity, `ProvisioningStatus` Completed.
    func create(_ request: HTTPRequest) async throws -> HTTPResponse {
        let principal = try await admit(request, needs: .admin)
        let wire = try Self.decode(request.body)
        let converted = try Self.convert(wire)
        let created: (ScheduleRecord, ScheduleDefinition)
        do {
            created = try await schedules.createSchedule(
                body: converted.body.bytes, status: converted.status, by: ScheduleActor(principal: principal, requestID: request.requestID))
        } catch let error as HTTPError {
            throw FacadeError.translated(error)
        }
        return .json(.ok, FacadeScheduleEntity.json(try entity(created.0, created.1)))
    }

    /// `PUT {WS}/Schedules/{id}`: the SDK's read-modify-write of the whole entity (enable, disable,
    /// update), every enum in any form. The definition is replaced only when the v1 fields changed,
    /// through the API's update (validated whole, re-armed, audited); `EntityStatus` then enables or
    /// disables. A stale `Etag` (the schedule changed since the caller read it) is refused with 412
    /// and nothing changes, so a read-modify-write never undoes someone else's change; an absent
    /// `Etag` is not checked.
    func put(_ request: HTTPRequest) async throws -> HTTPResponse {
        // `s.enable()`/`s.disable()` are operator verbs; a PUT that changes more is asked again for admin.
        let principal = try await admit(request, needs: .operator)
        let actor = ScheduleActor(principal: principal, requestID: request.requestID)
        var wire = try Self.decode(request.body)
        var (record, definition) = try await existing(request)
        let current = try entity(record, definition)
        if let etag = wire.etag, etag != current.etag {
            throw HTTPError(
                .preconditionFailed, detail: "Schedule '\(record.id)' changed since it was read (Etag \(etag), now \(current.etag ?? "")); read it again and retry.",
                extensions: [("azure_code", "PreconditionFailed")])
        }
        if let id = wire.id, id != record.id {
            throw FacadeError.badRequest("The body's Id '\(id)' is not the schedule '\(record.id)' of the path.")
        }
        let status: String? = switch wire.entityStatus {
        case nil: nil
        case .active?: "Active"
        case .disabled?: "Disabled"
        case let other?: throw FacadeError.badRequest("EntityStatus '\(other.name)' cannot be set; a schedule is Active or Disabled.")
        }
        Self.fillAbsent(&wire, from: current)
        var converted = try Self.convert(wire)
        var stored = try Self.convert(current)
        // The gateway keeps a zone as it was given (`Europe/Berlin`); its Windows id echoed back is no change.
        if let shown = current.recurrence?.timeZone {
            stored.body.recurrence?.timeZone = definition.recurrence?.timeZone
            if converted.body.recurrence?.timeZone == shown { converted.body.recurrence?.timeZone = definition.recurrence?.timeZone }
        }
        if converted.body != stored.body {
            _ = try await admit(request, needs: .admin)
            let currentBody = try JSONParser().parse(Array(definition.createBody(name: record.name, target: record.target(definition)).utf8))
            let newBody = try JSONParser().parse(converted.body.bytes)
            let patch = WholeReplacementPatch.make(from: currentBody, to: newBody, fields: Self.v1Fields)
            do {
                (record, definition) = try await schedules.updateSchedule(record, definition, patch: patch, by: actor)
            } catch let error as HTTPError {
                throw FacadeError.translated(error)
            }
        }
        if let status, status != record.status {
            do {
                record = try await schedules.changeStatus(record, definition, to: status, by: actor)
            } catch let error as HTTPError {
                throw FacadeError.translated(error)
            }
        }
        return .json(.ok, FacadeScheduleEntity.json(try entity(record, definition)))
    }

    // MARK: Helpers

    static func decode(_ body: [UInt8]) throws -> PipelineScheduleEntity {
        guard !body.isEmpty else { throw FacadeError.badRequest("The request body is empty; send a schedule entity as JSON.") }
        do {
            return try JSONDecoder().decode(PipelineScheduleEntity.self, from: Data(body))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            throw FacadeError.badRequest("The request body is not valid JSON.")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            throw FacadeError.badRequest("\(field(context.codingPath)) has the wrong type: \(context.debugDescription)")
        } catch {
            throw FacadeError.badRequest("The request body is not a schedule entity.")
        }
    }

    static func field(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "The body" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func convert(_ wire: PipelineScheduleEntity) throws -> V1ScheduleConversion.Converted {
        switch V1ScheduleConversion.convert(wire) {
        case .success(let converted): return converted
        case .failure(let refusal): throw FacadeError.badRequest(refusal.reasons.joined(separator: " "), code: "ValidationError")
        }
    }

    /// A `PUT` is the whole entity, but what the SDK rebuilds without (`ContinueRunOnStepFailure`)
    /// or a caller left out at the top level keeps its current value rather than being erased.
    static func fillAbsent(_ wire: inout PipelineScheduleEntity, from current: PipelineScheduleEntity) {
        wire.name = wire.name ?? current.name
        if wire.pipelineID == nil && wire.pipelineEndpointID == nil {
            wire.pipelineID = current.pipelineID
            wire.pipelineEndpointID = current.pipelineEndpointID
        }
        wire.scheduleType = wire.scheduleType ?? current.scheduleType
        if wire.pipelineSubmissionInfo == nil {
            wire.pipelineSubmissionInfo = current.pipelineSubmissionInfo
        } else if wire.pipelineSubmissionInfo?.continueRunOnStepFailure == nil {
            wire.pipelineSubmissionInfo?.continueRunOnStepFailure = current.pipelineSubmissionInfo?.continueRunOnStepFailure
        }
        if wire.scheduleType == .recurrence && wire.recurrence == nil { wire.recurrence = current.recurrence }
        if wire.scheduleType == .dataStore && wire.dataStoreTriggerInfo == nil { wire.dataStoreTriggerInfo = current.dataStoreTriggerInfo }
    }
}
