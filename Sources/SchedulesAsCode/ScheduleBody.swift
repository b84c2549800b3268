public import JSON

/// A schedule reduced to the fields of its create body — what `export` prints and what `apply`
/// compares — so a file and a stored schedule are compared as equals whatever else the resource holds
/// (ids, status, timestamps, `next_fire_at`).
public enum ScheduleBody {
    /// The create body's fields in the order `export` writes them.
    public static let fields = [
        "name", "description", "pipeline_id", "pipeline_endpoint_id", "pipeline_version", "experiment_name", "pipeline_parameters",
        "data_path_assignments", "continue_on_step_failure", "recurrence", "cron", "datastore", "path_on_datastore", "polling_interval",
        "data_path_parameter_name", "file_pattern", "catchup", "overlap_policy", "max_concurrent_runs", "managed_by",
    ]

    /// Values the server fills in when a body leaves them out: omitted, so an exported file carries
    /// only what was chosen.
    static let defaults: [String: JSONNode] = [
        "catchup": .string("latest"), "overlap_policy": .string("allow"), "pipeline_parameters": .object([]),
        "data_path_assignments": .object([]),
    ]

    /// The create body of a Schedule resource (`GET /v1/schedules/{id}` or a dry run's answer): its
    /// create fields in `fields` order, nulls and defaults left out, nested objects' keys sorted.
    public static func of(resource: JSONNode) -> JSONNode {
        var members: [JSONMember] = []
        for field in fields {
            guard let value = resource[field], !value.isNull, defaults[field] != value else { continue }
            members.append(JSONMember(key: field, value: canonical(value)))
        }
        return .object(members)
    }

    /// `node` with nulls removed from objects and object keys sorted, at every depth.
    static func canonical(_ node: JSONNode) -> JSONNode {
        switch node {
        case .object(let members):
            .object(members.filter { !$0.value.isNull }.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key, value: canonical($0.value)) })
        case .array(let elements):
            .array(elements.map(canonical))
        default:
            node
        }
    }

    /// `body` without its `managed_by` member.
    static func removingManagedBy(_ body: JSONNode) -> JSONNode {
        .object((body.objectMembers ?? []).filter { $0.key != "managed_by" })
    }
}
