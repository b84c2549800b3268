import JSON

/// The opening every create body of the API shares (schedules, webhooks): a JSON object with only
/// known keys, and the plain fields each resource has — each problem collected with its pointer, so
/// one answer names them all.
struct ResourceBody {
    let root: JSONNode
    private(set) var problems: [TriggerProblem] = []

    /// The body as an object whose keys are checked; a failure (the one problem) when it is not JSON
    /// or not an object.
    static func read(_ bytes: [UInt8], describing what: String, acceptedKeys: [String]) -> Result<ResourceBody, ScheduleRequestProblems> {
        do {
            return read(try JSONParser().parse(bytes), describing: what, acceptedKeys: acceptedKeys)
        } catch {
            return .failure(ScheduleRequestProblems(problems: [TriggerProblem(pointer: "", detail: error.description)]))
        }
    }

    static func read(_ root: JSONNode, describing what: String, acceptedKeys: [String]) -> Result<ResourceBody, ScheduleRequestProblems> {
        guard let members = root.objectMembers else {
            return .failure(ScheduleRequestProblems(problems: [TriggerProblem(pointer: "", detail: "The body must be a JSON object describing the \(what).")]))
        }
        var body = ResourceBody(root: root)
        for member in members where !acceptedKeys.contains(member.key) {
            body.add("/" + JSONPointer.escape(member.key), "Unknown field '\(member.key)'; accepted: \(acceptedKeys.joined(separator: ", ")).")
        }
        return .success(body)
    }

    private init(root: JSONNode) {
        self.root = root
    }

    mutating func add(_ pointer: String, _ detail: String) {
        problems.append(TriggerProblem(pointer: pointer, detail: detail))
    }

    mutating func add(_ more: [TriggerProblem]) {
        problems += more
    }

    /// A non-empty string; absent or null is nil (a problem when `required`).
    mutating func string(_ key: String, required: Bool) -> String? {
        switch root[key] {
        case .none, .some(.null):
            if required { add("/\(key)", "'\(key)' is required.") }
            return nil
        case .some(.string(let text)) where !text.isEmpty:
            return text
        case .some:
            add("/\(key)", "'\(key)' must be a non-empty string.")
            return nil
        }
    }

    /// `true`/`false`; absent or null is nil.
    mutating func bool(_ key: String) -> Bool? {
        switch root[key] {
        case .none, .some(.null): return nil
        case .some(.bool(let flag)): return flag
        case .some:
            add("/\(key)", "'\(key)' must be true or false.")
            return nil
        }
    }

    /// The required `experiment_name`, checked by the SDK's rule.
    mutating func experimentName() -> String? {
        let name = string("experiment_name", required: true)
        if let name, let problem = ExperimentNameRule.problem(with: name) { add("/experiment_name", problem) }
        return name
    }
}
