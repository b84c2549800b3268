import JSON

/// The RFC 7396 merge patch that turns one JSON object into another — what `apply` sends in its
/// `PATCH`, so only changed fields travel: a removed member becomes `null`, a changed object is
/// patched member by member (a merge patch would otherwise keep its old members), anything else is
/// replaced whole.
enum MergePatchDiff {
    /// Nil when the two are equal.
    static func patch(from old: JSONNode, to new: JSONNode) -> JSONNode? {
        guard old != new else { return nil }
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else { return new }
        var patch: [JSONMember] = []
        for member in oldMembers where new[member.key] == nil {
            patch.append(JSONMember(key: member.key, value: .null))
        }
        for member in newMembers {
            if let previous = old[member.key] {
                if let change = Self.patch(from: previous, to: member.value) { patch.append(JSONMember(key: member.key, value: change)) }
            } else {
                patch.append(member)
            }
        }
        return .object(patch)
    }
}
