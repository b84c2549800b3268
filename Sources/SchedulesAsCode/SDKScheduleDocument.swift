import JSON
import YAML

/// The file `Schedule.load_yaml` of azureml-pipeline-core 1.62 reads, turned into a create body.
///
/// That function reads only the `Schedule:` section's keys `description`, `pipeline_parameters`,
/// `wait_for_provisioning`, `wait_timeout`, `datastore_name`, `polling_interval`,
/// `data_path_parameter_name`, `continue_on_step_failure`, `path_on_datastore` and `recurrence`
/// (`frequency`, `interval`, `start_time`, `time_zone`, `hours`, `minutes`, `time_of_day`,
/// `week_days`), and ignores every other key. A script then passes `name`, `pipeline_id` and
/// `experiment_name` to `Schedule.create` itself; `apply` has no script, so the same section carries
/// them as extra keys (`name`, `pipeline_id` or `pipeline_endpoint_id` [+ `pipeline_version`],
/// `experiment_name`) — the SDK ignores them, so one file serves both. `wait_for_provisioning` and
/// `wait_timeout` steer the SDK's client-side wait and mean nothing here; null values (`~`, and the
/// SDK sample's `None`) mean "not given".
enum SDKScheduleDocument {
    static let sdkKeys = [
        "description", "pipeline_parameters", "wait_for_provisioning", "wait_timeout", "datastore_name", "polling_interval",
        "data_path_parameter_name", "continue_on_step_failure", "path_on_datastore", "recurrence",
    ]
    static let addedKeys = ["name", "pipeline_id", "pipeline_endpoint_id", "pipeline_version", "experiment_name"]
    static let recurrenceKeys = ["frequency", "interval", "start_time", "time_zone", "hours", "minutes", "time_of_day", "week_days"]
    static let ignoredKeys: Set<String> = ["wait_for_provisioning", "wait_timeout"]

    static func convert(_ section: JSONNode, map: SourceMap, file: String) -> Result<ScheduleFileItem, ScheduleFileProblems> {
        var problems: [ScheduleFileProblem] = []
        func problem(_ tokens: [String], _ message: String) {
            problems.append(ScheduleFileProblem(file: file, position: map.position(of: JSONPointer(tokens: tokens)), message: message))
        }
        guard let members = section.objectMembers else {
            problem([], "'Schedule' must be a mapping of the SDK's schedule keys")
            return .failure(ScheduleFileProblems(problems))
        }
        var body: [JSONMember] = []
        for member in members {
            guard sdkKeys.contains(member.key) || addedKeys.contains(member.key) else {
                problem([member.key], "unknown key '\(member.key)' in 'Schedule'; accepted: \((addedKeys + sdkKeys).joined(separator: ", "))")
                continue
            }
            guard !ignoredKeys.contains(member.key), !isNotGiven(member.value) else { continue }
            switch member.key {
            case "datastore_name":
                body.append(JSONMember(key: "datastore", value: member.value))
            case "recurrence":
                body.append(JSONMember(key: "recurrence", value: recurrence(member.value, problem)))
            default:
                body.append(JSONMember(key: member.key, value: member.value))
            }
        }
        let given = Set(body.map(\.key))
        let name = section["name"]?.stringValue ?? ""
        if name.isEmpty {
            problem([], "the SDK's Schedule file has no 'name' (Schedule.create takes it separately): add 'name: …' to the Schedule section")
        }
        if !given.contains("experiment_name") {
            problem([], "the SDK's Schedule file has no 'experiment_name' (Schedule.create takes it separately): add 'experiment_name: …' to the Schedule section")
        }
        if !given.contains("pipeline_id") && !given.contains("pipeline_endpoint_id") {
            problem([], "the SDK's Schedule file names no pipeline (Schedule.create takes it separately): add 'pipeline_id: …' or 'pipeline_endpoint_id: …' to the Schedule section")
        }
        guard problems.isEmpty else { return .failure(ScheduleFileProblems(problems)) }
        return .success(ScheduleFileItem(name: name, body: .object(body), sourceMap: map.renaming("datastore_name", to: "datastore"), file: file))
    }

    /// Null, or the SDK sample's `None` (a string to YAML, and what the sample writes for "not given").
    private static func isNotGiven(_ node: JSONNode) -> Bool {
        node.isNull || node.stringValue == "None"
    }

    private static func recurrence(_ node: JSONNode, _ problem: ([String], String) -> Void) -> JSONNode {
        guard let members = node.objectMembers else { return node }
        var kept: [JSONMember] = []
        for member in members {
            guard recurrenceKeys.contains(member.key) else {
                problem(["recurrence", member.key], "unknown key '\(member.key)' in 'recurrence'; accepted: \(recurrenceKeys.joined(separator: ", "))")
                continue
            }
            if !isNotGiven(member.value) { kept.append(member) }
        }
        return .object(kept)
    }
}
