public import JSON

/// What `apply` will do, worked out without I/O from the file's schedules (as the server would store
/// them) and the gateway's: create the missing, patch the changed, leave the equal alone and, with
/// `--prune`, delete what an earlier apply made that the file no longer has.
public struct SchedulePlan: Sendable, Hashable {
    /// A schedule as the file wants it: `body` is `ScheduleBody.of` the server's dry-run answer.
    public struct Desired: Sendable, Hashable {
        public var name: String
        public var body: JSONNode
        /// The file sets `managed_by` itself; otherwise the marker is not compared (apply sets it on create).
        public var statesManagedBy: Bool

        public init(name: String, body: JSONNode, statesManagedBy: Bool) {
            self.name = name
            self.body = body
            self.statesManagedBy = statesManagedBy
        }
    }

    /// A schedule the gateway has: `body` is `ScheduleBody.of` its resource.
    public struct Existing: Sendable, Hashable {
        public var id: String
        public var name: String
        public var body: JSONNode
        public var managedBy: String?

        public init(id: String, name: String, body: JSONNode, managedBy: String?) {
            self.id = id
            self.name = name
            self.body = body
            self.managedBy = managedBy
        }
    }

    /// One changed top-level field of an update: `old`/`new` nil when absent.
    public struct FieldChange: Sendable, Hashable {
        public var field: String
        public var old: JSONNode?
        public var new: JSONNode?
    }

    public enum Step: Sendable, Hashable {
        case create(name: String)
        /// `patch` is the merge patch to send.
        case update(name: String, id: String, patch: JSONNode, changes: [FieldChange])
        case delete(name: String, id: String)
        case unchanged(name: String)
    }

    /// The marker `apply` puts on what it creates; `--prune` deletes only schedules that carry it.
    public static let marker = "apply"

    public var steps: [Step]

    /// Steps in file order, then deletions in the gateway's order.
    public init(desired: [Desired], existing: [Existing], prune: Bool) {
        var byName: [String: Existing] = [:]
        for schedule in existing where byName[schedule.name] == nil { byName[schedule.name] = schedule }
        var steps: [Step] = []
        for schedule in desired {
            guard let current = byName[schedule.name] else {
                steps.append(.create(name: schedule.name))
                continue
            }
            let old = schedule.statesManagedBy ? current.body : ScheduleBody.removingManagedBy(current.body)
            let new = schedule.statesManagedBy ? schedule.body : ScheduleBody.removingManagedBy(schedule.body)
            guard let patch = MergePatchDiff.patch(from: old, to: new) else {
                steps.append(.unchanged(name: schedule.name))
                continue
            }
            let changes = (patch.objectMembers ?? []).map { FieldChange(field: $0.key, old: old[$0.key], new: new[$0.key]) }
            steps.append(.update(name: schedule.name, id: current.id, patch: patch, changes: changes))
        }
        if prune {
            let wanted = Set(desired.map(\.name))
            for schedule in existing where schedule.managedBy == Self.marker && !wanted.contains(schedule.name) {
                steps.append(.delete(name: schedule.name, id: schedule.id))
            }
        }
        self.steps = steps
    }

    /// Nothing to create, update or delete.
    public var isEmpty: Bool {
        steps.allSatisfy { if case .unchanged = $0 { true } else { false } }
    }

    /// The plan as a diff: `+ create`, `~ update` with `-`/`+` lines per changed field, `- delete`;
    /// unchanged schedules are counted, not listed.
    public var diff: [String] {
        var lines: [String] = []
        var unchanged = 0
        for step in steps {
            switch step {
            case .create(let name): lines.append("+ create \(name)")
            case .update(let name, _, _, let changes):
                lines.append("~ update \(name)")
                for change in changes {
                    if let old = change.old { lines.append("    - \(change.field): \(Self.compact(old))") }
                    if let new = change.new { lines.append("    + \(change.field): \(Self.compact(new))") }
                }
            case .delete(let name, _): lines.append("- delete \(name)")
            case .unchanged: unchanged += 1
            }
        }
        if lines.isEmpty { lines.append("no changes") }
        if unchanged > 0 { lines.append("(\(unchanged) schedule\(unchanged == 1 ? "" : "s") unchanged)") }
        return lines
    }

    static func compact(_ node: JSONNode) -> String {
        var writer = JSONWriter()
        writer.write(node)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
