import Foundation

/// The bodies that make or change a v1 schedule: `ScheduleCreationInfo` (`Schedule.create`,
/// `create_for_pipeline_endpoint`) and the whole `PipelineScheduleEntity` the SDK `PUT`s back after
/// reading it (`enable`, `disable`, `update`). Keys bind ignoring case and enums in every form
/// (observed §9 item 6); read-only fields of a `PUT` (`Etag`, dates, `ProvisioningStatus`) are ignored.
enum ScheduleSpec {
    /// A new Active schedule. Exactly one of `PipelineId` and `PipelineEndpointId`, naming one that
    /// exists; `PipelineSubmissionInfo` with a valid `ExperimentName` (the SDK does not check it on
    /// create, so this is the check users see; observed §9 item 13); the trigger `ScheduleType` names.
    static func created(
        from body: [UInt8], pipelines: PipelineRegistry, endpoints: PipelineEndpointRegistry, now: Date
    ) throws(AzureError) -> EmulatedSchedule {
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw invalid("The body must be a JSON object (ScheduleCreationInfo: Name, PipelineId or PipelineEndpointId, PipelineSubmissionInfo, ScheduleType, Recurrence or DataStoreTriggerInfo).")
        }
        guard let name = object.value(ignoringCase: "Name")?.stringValue, !name.isEmpty else { throw invalid("Name is required.") }
        let target = try target(object)
        switch target {
        case .pipeline(let id):
            guard pipelines.pipeline(id: id) != nil else { throw PipelineRoutes.notFound(id) }
        case .endpoint(let id):
            guard endpoints.endpoint(id: id) != nil else { throw PipelineEndpointRoutes.notFound(id) }
        }
        return EmulatedSchedule(
            id: UUID().uuidString.lowercased(), name: name, target: target, trigger: try ScheduleTriggerSpec.trigger(in: object),
            submission: try submission(object), status: .active, createdAt: now, modifiedAt: now, etag: EmulatedPipeline.newETag())
    }

    /// Applies a `PUT` of the whole entity to `schedule`: `Name`, `EntityStatus` (Active or Disabled),
    /// the trigger of the schedule's own type, and `PipelineSubmissionInfo` replace the stored ones
    /// when present. The id (if sent), the target and the `ScheduleType` cannot change.
    static func apply(entity body: [UInt8], to schedule: inout EmulatedSchedule, now: Date) throws(AzureError) {
        guard let object = JSONValue.parse(body)?.objectValue else { throw invalid("The body must be a JSON object (PipelineScheduleEntity).") }
        if let raw = ScheduleTriggerSpec.present(object, "Id") {
            guard raw.stringValue?.lowercased() == schedule.id.lowercased() else {
                throw .badRequest("ScheduleIdMismatch", "The body's Id \(raw.text) is not the schedule \(schedule.id) of the path.")
            }
        }
        if let raw = ScheduleTriggerSpec.present(object, "Name") {
            guard let name = raw.stringValue, !name.isEmpty else { throw invalid("Name must be a non-empty string.") }
            schedule.name = name
        }
        try checkUnchangedTarget(object, schedule.target)
        if let raw = ScheduleTriggerSpec.present(object, "EntityStatus") {
            guard let status = EntityStatus(wire: raw), status != .deprecated else {
                throw invalid("EntityStatus must be Active or Disabled (or 0, 2); got \(raw.text).")
            }
            schedule.status = status
        }
        try applyTrigger(object, to: &schedule)
        if ScheduleTriggerSpec.present(object, "PipelineSubmissionInfo") != nil { schedule.submission = try submission(object) }
        schedule.modifiedAt = now
        schedule.etag = EmulatedPipeline.newETag()
    }

    /// Exactly one of the two ids; an empty string counts as absent.
    private static func target(_ object: JSONObject) throws(AzureError) -> EmulatedSchedule.Target {
        let pipelineID = try id(object, "PipelineId")
        let endpointID = try id(object, "PipelineEndpointId")
        switch (pipelineID, endpointID) {
        case (let pipeline?, nil): return .pipeline(pipeline)
        case (nil, let endpoint?): return .endpoint(endpoint)
        case (.some, .some): throw invalid("Give either PipelineId or PipelineEndpointId, not both.")
        case (nil, nil): throw invalid("PipelineId or PipelineEndpointId is required: the published pipeline or pipeline endpoint to run.")
        }
    }

    /// The SDK echoes the ids it read; a different one would move the schedule, which Azure's update does not do.
    private static func checkUnchangedTarget(_ object: JSONObject, _ target: EmulatedSchedule.Target) throws(AzureError) {
        for (key, stored) in [("PipelineId", target.pipelineID), ("PipelineEndpointId", target.endpointID)] {
            guard let sent = try id(object, key) else { continue }
            guard sent.lowercased() == stored?.lowercased() else {
                throw invalid("\(key) cannot be changed by an update (the schedule runs \(target.pipelineID ?? target.endpointID ?? "")); create a new schedule instead.")
            }
        }
    }

    /// The trigger of a `PUT`: `ScheduleType` (if sent) must be the stored one, and only that type's
    /// trigger object may be sent; it replaces the stored one.
    private static func applyTrigger(_ object: JSONObject, to schedule: inout EmulatedSchedule) throws(AzureError) {
        let type = schedule.trigger.type
        if let raw = ScheduleTriggerSpec.present(object, "ScheduleType") {
            guard let sent = ScheduleType(wire: raw) else {
                throw .badRequest("InvalidScheduleType", "ScheduleType must be 0 (Recurrence) or 1 (DataStore); got \(raw.text).")
            }
            guard sent == type else {
                throw .badRequest("InvalidScheduleType", "ScheduleType cannot change from \(type.wireName) to \(sent.wireName).")
            }
        }
        let recurrence = ScheduleTriggerSpec.present(object, "Recurrence")
        let dataStore = ScheduleTriggerSpec.present(object, "DataStoreTriggerInfo")
        switch type {
        case .recurrence:
            guard dataStore == nil else { throw .badRequest("InvalidScheduleType", "A Recurrence schedule has no DataStoreTriggerInfo.") }
            if let recurrence { schedule.trigger = .recurrence(try ScheduleTriggerSpec.recurrence(recurrence)) }
        case .dataStore:
            guard recurrence == nil else { throw .badRequest("InvalidScheduleType", "A DataStore schedule has no Recurrence.") }
            if let dataStore { schedule.trigger = .dataStore(try ScheduleTriggerSpec.dataStore(dataStore)) }
        }
    }

    private static func submission(_ object: JSONObject) throws(AzureError) -> SubmissionInfo {
        guard let info = ScheduleTriggerSpec.present(object, "PipelineSubmissionInfo")?.objectValue else {
            throw invalid("PipelineSubmissionInfo is required: an object with at least ExperimentName.")
        }
        var submission = try SubmissionInfo(object: info)
        submission.experimentName = .string(try ExperimentName.required(submission.experimentName))
        return submission
    }

    private static func id(_ object: JSONObject, _ key: String) throws(AzureError) -> String? {
        guard let raw = ScheduleTriggerSpec.present(object, key) else { return nil }
        guard let text = raw.stringValue else { throw invalid("\(key) must be a string.") }
        return text.isEmpty ? nil : text
    }

    private static func invalid(_ message: String) -> AzureError {
        .badRequest("InvalidSchedule", message)
    }
}
