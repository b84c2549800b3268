import AzureML
import Foundation
import HTTPServer
import Observability
import Scheduling
import Storage

/// A gateway schedule shown as Azure's `PipelineScheduleEntity` on the SDK facade's paths
/// (observed sheet §5): enums as names (the SDK reads names), `ProvisioningStatus` Completed (a
/// gateway schedule is ready once stored), `Id` the gateway schedule's id, `Etag` its version, and
/// the time zone as the Windows id the SDK insists on.
///
/// A schedule whose trigger has no SDK v1 form — a cron expression, an IANA zone with no Windows
/// id, an `end_time` or a `file_pattern` — cannot be shown: the SDK would reject or silently drop
/// what it cannot read, and its read-modify-write `PUT` would then erase it. Such schedules are left
/// out of the facade's lists and answered 400 on a GET or PUT of their own.
enum FacadeScheduleEntity {
    /// Why a gateway schedule has no v1 form, as a sentence for Azure's error `Message`.
    struct NoV1Form: Error, Sendable, Equatable {
        var reason: String
    }

    static func make(_ record: ScheduleRecord, _ definition: ScheduleDefinition) -> Result<PipelineScheduleEntity, NoV1Form> {
        if definition.cron != nil { return .failure(NoV1Form(reason: "it is timed by a cron expression")) }
        if definition.filePattern != nil { return .failure(NoV1Form(reason: "it watches only files matching file_pattern")) }
        var entity = PipelineScheduleEntity(
            id: record.id, name: record.name, pipelineID: record.pipelineEndpointID == nil ? record.pipelineID : nil,
            pipelineEndpointID: record.pipelineEndpointID, provisioningStatus: .completed,
            entityStatus: record.isActive ? .active : .disabled,
            pipelineSubmissionInfo: submission(record, definition), etag: ScheduleResource.etag(record),
            createdDate: rfc3339UTC(record.createdAt), lastModifiedDate: rfc3339UTC(record.updatedAt))
        if definition.isChangeBased {
            entity.scheduleType = .dataStore
            entity.dataStoreTriggerInfo = DataStoreTriggerInfo(
                dataStoreName: definition.datastore, pollingInterval: definition.pollingInterval ?? ScheduleDefinition.defaultPollingInterval,
                dataPathParameterName: definition.dataPathParameterName, pathOnDataStore: definition.pathOnDatastore)
        } else if let recurrence = definition.recurrence {
            entity.scheduleType = .recurrence
            switch Self.recurrence(recurrence) {
            case .success(let wire): entity.recurrence = wire
            case .failure(let refusal): return .failure(refusal)
            }
        } else {
            return .failure(NoV1Form(reason: "it has no recurrence"))
        }
        return .success(entity)
    }

    /// The entity's JSON text, enums as names and absent fields left out.
    static func json(_ entity: PipelineScheduleEntity) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(entity)).map { Array($0) } ?? Array("{}".utf8)
    }

    private static func submission(_ record: ScheduleRecord, _ definition: ScheduleDefinition) -> PipelineSubmissionInfo {
        PipelineSubmissionInfo(
            experimentName: definition.experimentName, description: definition.description, runType: .schedule,
            parameterAssignments: definition.pipelineParameters,
            dataPathAssignments: definition.dataPathAssignments.mapValues { LegacyDataPath(dataStoreName: $0.dataStoreName, relativePath: $0.relativePath) },
            dataSetDefinitionValueAssignments: .object([:]), scheduleID: record.id,
            continueRunOnStepFailure: definition.continueOnStepFailure)
    }

    private static func recurrence(_ spec: ScheduleDefinition.RecurrenceSpec) -> Result<ScheduleRecurrenceEntity, NoV1Form> {
        if spec.endTime != nil { return .failure(NoV1Form(reason: "its recurrence has an end_time")) }
        var zone: String?
        if let name = spec.timeZone {
            guard let windows = ScheduleTimeZone(named: name)?.windowsName else {
                return .failure(NoV1Form(reason: "its time zone '\(name)' has no Windows time zone id"))
            }
            zone = windows
        }
        var hours = spec.hours
        var minutes = spec.minutes
        // The SDK itself turns `time_of_day` into Hours and Minutes when it creates a schedule.
        if let timeOfDay = spec.timeOfDay {
            let parts = timeOfDay.split(separator: ":").compactMap { Int($0) }
            if parts.count >= 2 {
                hours = hours ?? [parts[0]]
                minutes = minutes ?? [parts[1]]
            }
        }
        let weekDays = spec.weekDays.map { $0.map { ScheduleWeekDay(wireText: $0) } }
        let schedule = hours == nil && minutes == nil && weekDays == nil
            ? nil : RecurrenceScheduleEntity(hours: hours, minutes: minutes, weekDays: weekDays)
        return .success(ScheduleRecurrenceEntity(
            frequency: ScheduleFrequency(wireText: spec.frequency), interval: spec.interval, startTime: spec.startTime, timeZone: zone,
            schedule: schedule))
    }
}
