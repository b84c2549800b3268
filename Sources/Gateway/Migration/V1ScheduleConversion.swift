import AzureML
import Foundation
import Scheduling

/// Turns a v1 schedule (an Azure `PipelineScheduleEntity`, or the SDK's create body) into the
/// `POST /v1/schedules` body that makes the same schedule in the gateway.
///
/// Both the import (`POST /v1/imports`) and the SDK facade (`{WS}/Schedules/Create`, `PUT`) need
/// exactly this mapping, and the gateway's own create path then validates the result like any other
/// create (time zone, pipeline, parameters), so this step only refuses what has no gateway form at
/// all. It never guesses: a field it cannot map makes the whole schedule not convertible, with every
/// reason, so nothing is half-imported.
enum V1ScheduleConversion {
    /// A schedule the gateway can create, with the Azure status it had.
    struct Converted: Sendable, Equatable {
        var name: String
        /// The Azure `EntityStatus` as the gateway's `status` (`Active` or `Disabled`).
        var status: String
        /// The create body, JSON with sorted keys.
        var body: CreateBody
    }

    /// Everything that stops a v1 schedule from being converted, as sentences naming the Azure field.
    struct Refusal: Error, Sendable, Equatable {
        var reasons: [String]
    }

    /// `anchoringAtCreation`: a recurrence with no `StartTime` counts from the Azure schedule's
    /// `CreatedDate`, which becomes the gateway's `start_time`. The import needs this: without it the
    /// copy would count from the import (another phase) and fire once at once, as a new schedule
    /// without `start_time` does. The facade creates new schedules, which keep that SDK behaviour.
    static func convert(_ entity: PipelineScheduleEntity, anchoringAtCreation: Bool = false) -> Result<Converted, Refusal> {
        var reasons: [String] = []
        let name = entity.name?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty { reasons.append("Name is missing.") }
        let pipelineID = nonEmpty(entity.pipelineID)
        let endpointID = nonEmpty(entity.pipelineEndpointID)
        switch (pipelineID, endpointID) {
        case (nil, nil): reasons.append("Neither PipelineId nor PipelineEndpointId is set.")
        case (.some, .some): reasons.append("Both PipelineId and PipelineEndpointId are set; a schedule runs one of them.")
        default: break
        }
        let submission = entity.pipelineSubmissionInfo ?? PipelineSubmissionInfo()
        let experiment = nonEmpty(submission.experimentName)
        if experiment == nil { reasons.append("PipelineSubmissionInfo.ExperimentName is missing.") }
        if let datasets = submission.dataSetDefinitionValueAssignments, !datasets.isEmptyAssignment {
            reasons.append("PipelineSubmissionInfo.DataSetDefinitionValueAssignments is set; the gateway does not pass dataset parameters.")
        }
        var body = CreateBody(
            name: name, pipelineID: pipelineID, pipelineEndpointID: endpointID, description: submission.description,
            experimentName: experiment ?? "", pipelineParameters: submission.parameterAssignments ?? [:],
            dataPathAssignments: [:], continueOnStepFailure: submission.continueRunOnStepFailure)
        for (parameter, path) in submission.dataPathAssignments ?? [:] {
            guard let store = nonEmpty(path.dataStoreName), let relative = path.relativePath else {
                reasons.append("PipelineSubmissionInfo.DataPathAssignments.\(parameter) needs DataStoreName and RelativePath.")
                continue
            }
            body.dataPathAssignments[parameter] = .init(dataStoreName: store, relativePath: relative)
        }
        switch entity.scheduleType {
        case .recurrence?:
            if let recurrence = entity.recurrence {
                body.recurrence = Self.recurrence(recurrence, &reasons)
                if anchoringAtCreation, body.recurrence?.startTime == nil {
                    body.recurrence?.startTime = Self.creationAnchor(entity.createdDate, zone: recurrence.timeZone, &reasons)
                }
            } else {
                reasons.append("ScheduleType is Recurrence but Recurrence is missing.")
            }
        case .dataStore?:
            Self.datastore(entity.dataStoreTriggerInfo, into: &body, &reasons)
        case .unknown(let raw)?:
            reasons.append("ScheduleType '\(raw)' is neither Recurrence (0) nor DataStore (1).")
        case nil:
            reasons.append("ScheduleType is missing.")
        }
        let status: String
        switch entity.entityStatus {
        case .disabled?: status = "Disabled"
        case .active?, nil: status = "Active"
        case .deprecated?, .unknown?:
            status = "Disabled"
        }
        guard reasons.isEmpty else { return .failure(Refusal(reasons: reasons)) }
        return .success(Converted(name: name, status: status, body: body))
    }

    private static func recurrence(_ wire: ScheduleRecurrenceEntity, _ reasons: inout [String]) -> CreateBody.Recurrence? {
        var frequency = ""
        switch wire.frequency {
        case nil: reasons.append("Recurrence.Frequency is missing.")
        case .unknown(let raw)?: reasons.append("Recurrence.Frequency '\(raw)' is not one of Month, Week, Day, Hour, Minute.")
        case let known?: frequency = known.name
        }
        let startTime = wire.startTime.flatMap { Self.localTime($0, field: "Recurrence.StartTime", &reasons) }
        var weekDays: [String]?
        if let days = wire.schedule?.weekDays {
            weekDays = []
            for day in days {
                if let raw = day.unknownRawValue {
                    reasons.append("Recurrence.Schedule.WeekDays has '\(raw)', which is not a day from Monday to Sunday.")
                } else {
                    weekDays?.append(day.name)
                }
            }
        }
        return CreateBody.Recurrence(
            frequency: frequency, interval: wire.interval ?? 1, startTime: startTime, timeZone: nonEmpty(wire.timeZone),
            hours: nonEmptyList(wire.schedule?.hours), minutes: nonEmptyList(wire.schedule?.minutes), weekDays: nonEmptyList(weekDays))
    }

    /// The Azure schedule's creation as local wall-clock text in its zone (UTC when it names none).
    private static func creationAnchor(_ created: String?, zone name: String?, _ reasons: inout [String]) -> String? {
        guard let created, let instant = AzureTimestamp(parsing: created), !instant.isUnsetSentinel else {
            reasons.append("Recurrence has no StartTime and CreatedDate is missing, so the times it fires at are unknown.")
            return nil
        }
        // An unknown zone is refused later, by the create's own time-zone check, with its pointer.
        guard let zone = ScheduleTimeZone(named: nonEmpty(name) ?? "UTC") else { return nil }
        return zone.localDateTime(at: instant.date).description
    }

    private static func datastore(_ trigger: DataStoreTriggerInfo?, into body: inout CreateBody, _ reasons: inout [String]) {
        guard let trigger, let store = nonEmpty(trigger.dataStoreName) else {
            reasons.append("ScheduleType is DataStore but DataStoreTriggerInfo.DataStoreName is missing.")
            return
        }
        body.datastore = store
        body.pathOnDatastore = nonEmpty(trigger.pathOnDataStore)
        body.pollingInterval = trigger.pollingInterval
        body.dataPathParameterName = nonEmpty(trigger.dataPathParameterName)
    }

    /// Azure writes a recurrence start as local wall-clock text; the service has also been seen to add
    /// a zero fraction (`.0000000`). A real offset would change its meaning, so it is refused.
    private static func localTime(_ text: String, field: String, _ reasons: inout [String]) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let head = String(trimmed.prefix(19))
        var tail = Substring(trimmed.dropFirst(19))
        if tail.first == "." { tail = tail.dropFirst().drop { $0 == "0" } }
        let plain = head.count == 19 && head.allSatisfy { $0.isASCII } && head.dropFirst(10).first == "T"
        guard plain, tail.isEmpty || tail == "Z" || tail == "+00:00" else {
            reasons.append("\(field) '\(text)' is not a local time like 2026-11-25T02:00:00.")
            return nil
        }
        return head
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    private static func nonEmptyList<T>(_ list: [T]?) -> [T]? {
        guard let list, !list.isEmpty else { return nil }
        return list
    }
}

extension JSONValue {
    /// `null`, `{}` and `[]` assign nothing; the SDK always sends `{}`.
    fileprivate var isEmptyAssignment: Bool {
        switch self {
        case .null: true
        case .object(let members): members.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }
}
