import JSON

/// The merge patch that makes an imported gateway schedule say what its Azure schedule says now.
///
/// A plain merge patch of the converted body would keep what Azure has since dropped (a removed
/// parameter, a cleared description, `Hours` no longer set), because merging only adds and replaces.
/// So every field an Azure v1 schedule decides is replaced whole, with `null` for what is gone, and
/// objects are replaced member by member. Fields only the gateway has (`catchup`, `overlap_policy`,
/// `max_concurrent_runs`, `file_pattern`, `cron`) are left as the gateway's user set them.
enum ImportPatch {
    /// The create-body keys a v1 schedule sets (or clears) through `V1ScheduleConversion`.
    static let azureKeys = [
        "name", "description", "pipeline_id", "pipeline_endpoint_id", "pipeline_version", "experiment_name", "pipeline_parameters",
        "data_path_assignments", "continue_on_step_failure", "recurrence", "datastore", "path_on_datastore", "polling_interval",
        "data_path_parameter_name",
    ]

    /// The patch turning `current` (a stored schedule's create body) into `converted` for `azureKeys`.
    static func replacing(_ current: JSONNode, with converted: JSONNode) -> JSONNode {
        var members: [JSONMember] = []
        for key in azureKeys {
            let old = current[key].flatMap { $0.isNull ? nil : $0 }
            let new = converted[key].flatMap { $0.isNull ? nil : $0 }
            switch (old, new) {
            case (nil, nil): continue
            case (.some, nil): members.append(JSONMember(key: key, value: .null))
            case (let old?, let new?): members.append(JSONMember(key: key, value: replacement(old, new)))
            case (nil, let new?): members.append(JSONMember(key: key, value: new))
            }
        }
        return .object(members)
    }

    /// `new` as a patch over `old`: objects member by member, with `null` for every member `new` lacks.
    private static func replacement(_ old: JSONNode, _ new: JSONNode) -> JSONNode {
        guard let oldMembers = old.objectMembers, let newMembers = new.objectMembers else { return new }
        var members = newMembers.map { member in
            JSONMember(key: member.key, value: old[member.key].map { replacement($0, member.value) } ?? member.value)
        }
        for member in oldMembers where new[member.key] == nil {
            members.append(JSONMember(key: member.key, value: .null))
        }
        return .object(members)
    }
}
