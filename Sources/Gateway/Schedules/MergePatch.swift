import JSON

/// RFC 7396 JSON merge patch: members of the patch replace the target's, `null` removes one, nested
/// objects merge recursively, anything else replaces the whole value.
enum MergePatch {
    static func apply(_ patch: JSONNode, to target: JSONNode) -> JSONNode {
        guard case .object(let patchMembers) = patch else { return patch }
        var members = target.objectMembers ?? []
        for member in patchMembers {
            let index = members.firstIndex { $0.key == member.key }
            if member.value.isNull {
                if let index { members.remove(at: index) }
            } else if let index {
                members[index].value = apply(member.value, to: members[index].value)
            } else {
                members.append(JSONMember(key: member.key, value: apply(member.value, to: .null)))
            }
        }
        return .object(members)
    }
}
