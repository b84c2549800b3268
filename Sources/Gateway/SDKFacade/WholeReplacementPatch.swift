import JSON

/// A JSON merge patch that makes `fields` of a target equal to a new value as a whole, for the
/// facade's `PUT` (a whole entity) over the schedules API's `PATCH` (a merge patch).
///
/// A merge patch merges nested objects, so sending the new recurrence alone would keep a
/// `week_days` the new one no longer has, and sending the new parameters would keep removed ones.
/// Here every key the current value has and the new one lacks is sent as an explicit `null`, at
/// every depth; fields outside `fields` (the gateway's own settings such as `catchup` or
/// `overlap_policy`, which a v1 entity cannot express) are left alone.
enum WholeReplacementPatch {
    static func make(from current: JSONNode, to new: JSONNode, fields: [String]) -> JSONNode {
        .object(fields.compactMap { key in
            let before = current[key]
            let after = new[key]
            if before == nil && after == nil { return nil }
            return JSONMember(key: key, value: replacement(before, after))
        })
    }

    /// The patch value that turns `before` into `after`.
    static func replacement(_ before: JSONNode?, _ after: JSONNode?) -> JSONNode {
        guard let after, !after.isNull else { return .null }
        guard case .object(let newMembers) = after else { return after }
        let oldMembers = before?.objectMembers ?? []
        var members = newMembers.map { member in
            JSONMember(key: member.key, value: replacement(oldMembers.first { $0.key == member.key }?.value, member.value))
        }
        for old in oldMembers where !newMembers.contains(where: { $0.key == old.key }) {
            members.append(JSONMember(key: old.key, value: .null))
        }
        return .object(members)
    }
}
