import AzureML
import JSON

/// The opening every create body of the API shares (schedules, webhooks): a JSON object with only
/// known keys, and the plain fields each resource has — each problem collected with its pointer, so
/// one answer names them all.
struct ResourceBody {
    let root: JSONNode
    private(set) var problems: [TriggerProblem] = []
    /// How many of `problems` are about which target the body names (none, both, a version without
    /// an endpoint): a body whose only problems are these is well-formed but unprocessable (422).
    private(set) var targetProblemCount = 0

    /// The body keys that name a target; a resource names exactly one of the first two.
    static let targetKeys = ["pipeline_id", "pipeline_endpoint_id", "pipeline_version"]

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

    /// What the run targets: `pipeline_id`, or `pipeline_endpoint_id` with an optional
    /// `pipeline_version` (else the endpoint's default) — exactly one of the two ids.
    mutating func target() -> SubmitTarget? {
        let pipelineID = string("pipeline_id", required: false)
        let endpointID = string("pipeline_endpoint_id", required: false)
        let version = string("pipeline_version", required: false)
        let root = root
        let given = { (key: String) in root[key].map { !$0.isNull } ?? false }
        switch (given("pipeline_id"), given("pipeline_endpoint_id")) {
        case (true, true):
            let detail = "Name exactly one target: 'pipeline_id' or 'pipeline_endpoint_id', not both (a merge patch that switches sets the other to null)."
            addTarget("/pipeline_id", detail)
            addTarget("/pipeline_endpoint_id", detail)
            return nil
        case (false, false):
            addTarget("/pipeline_id", "Name exactly one target: 'pipeline_id' (a published pipeline) or 'pipeline_endpoint_id' (a pipeline endpoint).")
            return nil
        case (true, false):
            if given("pipeline_version") {
                addTarget("/pipeline_version", "'pipeline_version' chooses a version of 'pipeline_endpoint_id'; a published pipeline has none.")
            }
            return pipelineID.map { .pipeline(id: $0) }
        case (false, true):
            return endpointID.map { .endpoint(id: $0, version: version) }
        }
    }

    private mutating func addTarget(_ pointer: String, _ detail: String) {
        add(pointer, detail)
        targetProblemCount += 1
    }

    /// The required `experiment_name`, checked by the SDK's rule.
    mutating func experimentName() -> String? {
        let name = string("experiment_name", required: true)
        if let name, let problem = ExperimentNameRule.problem(with: name) { add("/experiment_name", problem) }
        return name
    }
}
