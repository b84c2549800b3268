import AzureML
import Foundation
import Scheduling

/// What a schedule asks for, as stored in `ScheduleRecord.definition`: the submit it makes and the
/// trigger that times it. The keys are the API's snake_case ones (DESIGN "Resources"), so the stored
/// text is the resource's own fields.
struct ScheduleDefinition: Codable, Sendable, Equatable {
    struct DataPath: Codable, Sendable, Equatable {
        var dataStoreName: String
        var relativePath: String

        enum CodingKeys: String, CodingKey {
            case dataStoreName = "DataStoreName"
            case relativePath = "RelativePath"
        }
    }

    struct RecurrenceSpec: Codable, Sendable, Equatable {
        var frequency: String
        var interval: Int
        var startTime: String?
        var timeZone: String?
        var hours: [Int]?
        var minutes: [Int]?
        var weekDays: [String]?
        var timeOfDay: String?
        var endTime: String?

        enum CodingKeys: String, CodingKey {
            case frequency, interval, hours, minutes
            case startTime = "start_time"
            case timeZone = "time_zone"
            case weekDays = "week_days"
            case timeOfDay = "time_of_day"
            case endTime = "end_time"
        }
    }

    struct CronSpec: Codable, Sendable, Equatable {
        var expression: String
        var timeZone: String?
        var startTime: String?
        var endTime: String?

        enum CodingKeys: String, CodingKey {
            case expression
            case timeZone = "time_zone"
            case startTime = "start_time"
            case endTime = "end_time"
        }
    }

    var description: String?
    var experimentName: String
    /// The pinned version when the schedule runs a pipeline endpoint; nil = the endpoint's default
    /// at each fire (Azure picks it when the submission arrives).
    var pipelineVersion: String?
    var pipelineParameters: [String: String]
    var dataPathAssignments: [String: DataPath]
    var continueOnStepFailure: Bool?
    var recurrence: RecurrenceSpec?
    var cron: CronSpec?
    var catchup: String
    var overlapPolicy: String
    var maxConcurrentRuns: Int?
    /// A change-based schedule's trigger (the SDK's `datastore=`): the blob datastore it watches.
    var datastore: String?
    /// The folder within the datastore's container; empty or nil = its top level.
    var pathOnDatastore: String?
    /// Minutes between listings (default 5).
    var pollingInterval: Int?
    /// The DataPath parameter each run gets the changed file in; nil = runs without that assignment.
    var dataPathParameterName: String?
    /// Beyond the SDK: only blobs whose name matches this glob trigger.
    var filePattern: String?
    /// The Azure v1 schedule this one was imported from; set only by the import, never by a body.
    var importedFrom: String?
    /// How far a take-over or give-back of the imported schedule has got; set only by the import.
    var handover: Handover?
    /// Who keeps this schedule in step with a file (`"apply"` for `pipeline-gateway apply`); nil =
    /// made by hand. `apply --prune` deletes only schedules it made itself, never anyone else's.
    var managedBy: String?

    enum CodingKeys: String, CodingKey {
        case description, recurrence, cron, catchup
        case experimentName = "experiment_name"
        case pipelineVersion = "pipeline_version"
        case pipelineParameters = "pipeline_parameters"
        case dataPathAssignments = "data_path_assignments"
        case continueOnStepFailure = "continue_on_step_failure"
        case overlapPolicy = "overlap_policy"
        case maxConcurrentRuns = "max_concurrent_runs"
        case datastore
        case pathOnDatastore = "path_on_datastore"
        case pollingInterval = "polling_interval"
        case dataPathParameterName = "data_path_parameter_name"
        case filePattern = "file_pattern"
        case importedFrom = "imported_from"
        case handover
        case managedBy = "managed_by"
    }

    static let defaultPollingInterval = 5

    /// Watches a datastore folder rather than the clock.
    var isChangeBased: Bool { datastore != nil }

    /// The watched folder without leading or trailing `/` (empty = the container's top level).
    var folder: String {
        (pathOnDatastore ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    /// The fire times, anchored at the schedule's creation.
    func calendar(createdAt: Date) throws(ScheduleValidationError) -> any FireCalendar {
        if isChangeBased {
            return PollCalendar(intervalMinutes: pollingInterval ?? Self.defaultPollingInterval, createdAt: createdAt)
        }
        if let recurrence {
            return try Recurrence(
                frequency: recurrence.frequency, interval: recurrence.interval, startTime: recurrence.startTime,
                timeZone: recurrence.timeZone, hours: recurrence.hours, minutes: recurrence.minutes, weekDays: recurrence.weekDays,
                timeOfDay: recurrence.timeOfDay, endTime: recurrence.endTime, createdAt: createdAt
            ).compact
        }
        if let cron {
            return try CronSchedule(
                expression: cron.expression, timeZone: cron.timeZone, startTime: cron.startTime, endTime: cron.endTime, createdAt: createdAt)
        }
        throw ScheduleValidationError(problems: [ScheduleProblem(pointer: "", detail: "a schedule needs a recurrence or a cron trigger")])
    }

    /// A change-based schedule polls once after downtime, whatever `catchup` says: a poll finds every
    /// file that arrived meanwhile, so there is nothing to replay or to record as missed.
    var catchupPolicy: CatchupPolicy { isChangeBased ? .latest : CatchupPolicy(rawValue: catchup) ?? .latest }

    /// The body of a change-based schedule's run for `blobName` (the full name, folder included): the
    /// schedule's assignments with `data_path_parameter_name` pointing at the blob.
    func triggerBody(forBlob blobName: String) -> TriggerBody {
        var body = triggerBody
        guard let parameter = dataPathParameterName, let datastore else { return body }
        body.dataPathAssignments.removeAll { $0.name == parameter }
        body.dataPathAssignments.append(TriggerBody.DataPathEntry(name: parameter, dataStoreName: datastore, relativePath: blobName))
        return body
    }

    /// The body Azure gets for one fire: the schedule's parameters, like an API trigger's.
    var triggerBody: TriggerBody {
        TriggerBody(
            experimentName: experimentName,
            parameterAssignments: pipelineParameters.sorted { $0.key < $1.key }.map { TriggerBody.Entry(name: $0.key, value: $0.value) },
            dataPathAssignments: dataPathAssignments.sorted { $0.key < $1.key }.map {
                TriggerBody.DataPathEntry(name: $0.key, dataStoreName: $0.value.dataStoreName, relativePath: $0.value.relativePath)
            },
            continueRunOnStepFailure: continueOnStepFailure)
    }

    /// The fields of a create body that would make this schedule: what a merge patch applies to.
    /// The target is `pipeline_id`, or `pipeline_endpoint_id` (the version travels in the definition).
    func createBody(name: String, target: SubmitTarget) -> String {
        var settable = self
        settable.importedFrom = nil
        settable.handover = nil
        let definition = settable.encoded().dropFirst().dropLast()
        let targetField = switch target {
        case .pipeline(let id): "\"pipeline_id\":\(Self.quoted(id))"
        case .endpoint(let id, _): "\"pipeline_endpoint_id\":\(Self.quoted(id))"
        }
        let head = "{\"name\":\(Self.quoted(name)),\(targetField)"
        return head + (definition.isEmpty ? "" : "," + definition) + "}"
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }


    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
