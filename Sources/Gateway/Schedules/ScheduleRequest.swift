import AzureML
import Foundation
import HTTPServer
import JSON
import Scheduling

/// A `POST /v1/schedules` body read into a definition, with every problem found (JSON pointers into
/// the body), the way the SDK's `Schedule.create` keyword arguments map onto it key for key.
struct ScheduleRequest {
    var name: String
    /// A published pipeline, or a pipeline endpoint (its version is also in `definition`).
    var target: SubmitTarget
    var definition: ScheduleDefinition

    static let acceptedKeys = [
        "name", "description", "pipeline_id", "pipeline_endpoint_id", "pipeline_version", "experiment_name", "pipeline_parameters", "data_path_assignments",
        "continue_on_step_failure", "recurrence", "cron", "catchup", "overlap_policy", "max_concurrent_runs",
        "datastore", "path_on_datastore", "polling_interval", "data_path_parameter_name", "file_pattern", "managed_by",
    ]
    /// The keys that only go with `datastore`.
    static let datastoreKeys = ["path_on_datastore", "polling_interval", "data_path_parameter_name", "file_pattern"]

    /// Reads `bytes`; a problem list (never empty) when the body cannot make a schedule.
    static func parse(_ bytes: [UInt8], createdAt: Date) -> Result<ScheduleRequest, ScheduleRequestProblems> {
        var body: ResourceBody
        switch ResourceBody.read(bytes, describing: "schedule", acceptedKeys: acceptedKeys) {
        case .success(let read): body = read
        case .failure(let failure): return .failure(failure)
        }
        let root = body.root
        let name = body.string("name", required: true)
        let target = body.target()
        let experimentName = body.experimentName()
        let description = body.string("description", required: false)
        let continueOnStepFailure = body.bool("continue_on_step_failure")
        var problems = body.problems
        let parameters = Self.parameters(root["pipeline_parameters"], &problems)
        let dataPaths = Self.dataPaths(root["data_path_assignments"], &problems)
        let catchup = Self.choice(root["catchup"], key: "catchup", among: CatchupPolicy.allCases.map(\.rawValue), default: "latest", &problems)
        let overlap = Self.choice(root["overlap_policy"], key: "overlap_policy", among: ["allow", "skip"], default: "allow", &problems)
        let maxConcurrentRuns = Self.maxConcurrentRuns(root["max_concurrent_runs"], &problems)
        let recurrence = root["recurrence"].flatMap { $0.isNull ? nil : $0 }
        let cron = root["cron"].flatMap { $0.isNull ? nil : $0 }
        let datastore = root["datastore"].flatMap { $0.isNull ? nil : $0 }
        var definition = ScheduleDefinition(
            description: description, experimentName: experimentName ?? "", pipelineParameters: parameters, dataPathAssignments: dataPaths,
            continueOnStepFailure: continueOnStepFailure, catchup: catchup, overlapPolicy: overlap,
            maxConcurrentRuns: maxConcurrentRuns)
        if case .endpoint(_, let version)? = target { definition.pipelineVersion = version }
        definition.managedBy = Self.managedBy(root["managed_by"], &problems)
        switch (recurrence, cron, datastore) {
        case (.some(let node), .none, .none):
            definition.recurrence = Self.recurrence(node, &problems)
        case (.none, .some(let node), .none):
            definition.cron = Self.cron(node, &problems)
        case (.none, .none, .some(let node)):
            Self.datastore(node, root, into: &definition, &problems)
        case (.none, .none, .none):
            problems.append(TriggerProblem(
                pointer: "", detail: "A schedule needs a trigger: 'recurrence' (like ScheduleRecurrence), 'cron', or 'datastore' (a folder to watch)."))
        default:
            let given = [("recurrence", recurrence), ("cron", cron), ("datastore", datastore)].filter { $0.1 != nil }.map(\.0)
            for key in given.dropFirst() {
                problems.append(TriggerProblem(
                    pointer: "/\(key)", detail: "A schedule has exactly one trigger: give one of 'recurrence', 'cron' or 'datastore', not \(given.joined(separator: " and "))."))
            }
        }
        if datastore == nil {
            for key in Self.datastoreKeys where root[key].map({ !$0.isNull }) ?? false {
                problems.append(TriggerProblem(pointer: "/\(key)", detail: "'\(key)' belongs to a change-based schedule; give 'datastore' too."))
            }
        }
        if definition.recurrence != nil || definition.cron != nil {
            do {
                _ = try definition.calendar(createdAt: createdAt)
            } catch {
                let prefix = definition.recurrence != nil ? "/recurrence" : "/cron"
                problems += error.problems.map { TriggerProblem(pointer: prefix + $0.pointer, detail: $0.detail) }
            }
        }
        guard problems.isEmpty, let name, let target else {
            return .failure(ScheduleRequestProblems(problems: problems, isUnprocessable: problems.count == body.targetProblemCount))
        }
        return .success(ScheduleRequest(name: name, target: target, definition: definition))
    }

    /// The most runs of one schedule not yet final at a time; fires beyond it wait their turn.
    static let concurrentRunsRange = 1...100

    private static func maxConcurrentRuns(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> Int? {
        guard let node, !node.isNull else { return nil }
        if case .number(let literal) = node, let value = Int(literal), concurrentRunsRange.contains(value) { return value }
        problems.append(TriggerProblem(
            pointer: "/max_concurrent_runs",
            detail: "'max_concurrent_runs' must be a whole number from \(concurrentRunsRange.lowerBound) to \(concurrentRunsRange.upperBound), or null for no limit."))
        return nil
    }

    /// `managed_by`: a short tool name (`apply`), letters, digits, `.`, `_` and `-`; null = by hand.
    private static func managedBy(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> String? {
        guard let node, !node.isNull else { return nil }
        let allowed = { (byte: UInt8) in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "._-".utf8.contains(byte)
        }
        if let text = node.stringValue, (1...64).contains(text.utf8.count), text.utf8.allSatisfy(allowed) {
            return text
        }
        problems.append(TriggerProblem(
            pointer: "/managed_by", detail: "'managed_by' must be a tool name of 1 to 64 letters, digits, '.', '_' or '-' (apply sets \"apply\"), or null."))
        return nil
    }

    private static func parameters(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> [String: String] {
        guard let node, !node.isNull else { return [:] }
        guard let members = node.objectMembers else {
            problems.append(TriggerProblem(pointer: "/pipeline_parameters", detail: "'pipeline_parameters' must be an object of name → value."))
            return [:]
        }
        var values: [String: String] = [:]
        for member in members {
            let pointer = "/pipeline_parameters/" + pointerEscaped(member.key)
            switch member.value {
            case .string(let text): values[member.key] = text
            case .number(let literal): values[member.key] = literal
            case .bool(let flag): values[member.key] = flag ? "True" : "False"
            default: problems.append(TriggerProblem(pointer: pointer, detail: "A parameter value must be a string, number or boolean."))
            }
        }
        return values
    }

    private static func dataPaths(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> [String: ScheduleDefinition.DataPath] {
        guard let node, !node.isNull else { return [:] }
        guard let members = node.objectMembers else {
            problems.append(TriggerProblem(pointer: "/data_path_assignments", detail: "'data_path_assignments' must be an object of name → {DataStoreName, RelativePath}."))
            return [:]
        }
        var values: [String: ScheduleDefinition.DataPath] = [:]
        for member in members {
            let pointer = "/data_path_assignments/" + pointerEscaped(member.key)
            guard let store = member.value["DataStoreName"]?.stringValue, !store.isEmpty,
                let path = member.value["RelativePath"]?.stringValue, !path.isEmpty
            else {
                problems.append(TriggerProblem(pointer: pointer, detail: "A DataPath assignment is {\"DataStoreName\": non-empty, \"RelativePath\": non-empty}."))
                continue
            }
            if let problem = RelativePathRule.problem(with: path, field: "RelativePath") {
                problems.append(TriggerProblem(pointer: pointer + "/RelativePath", detail: problem))
            }
            values[member.key] = .init(dataStoreName: store, relativePath: path)
        }
        return values
    }

    private static func choice(_ node: JSONNode?, key: String, among: [String], default value: String, _ problems: inout [TriggerProblem]) -> String {
        guard let node, !node.isNull else { return value }
        guard let text = node.stringValue, among.contains(text) else {
            problems.append(TriggerProblem(pointer: "/\(key)", detail: "'\(key)' must be one of \(among.joined(separator: ", "))."))
            return value
        }
        return text
    }

    private static func recurrence(_ node: JSONNode, _ problems: inout [TriggerProblem]) -> ScheduleDefinition.RecurrenceSpec? {
        guard node.objectMembers != nil else {
            problems.append(TriggerProblem(pointer: "/recurrence", detail: "'recurrence' must be an object (frequency, interval, …)."))
            return nil
        }
        let known = ["frequency", "interval", "start_time", "time_zone", "hours", "minutes", "week_days", "time_of_day", "end_time"]
        for member in node.objectMembers ?? [] where !known.contains(member.key) {
            problems.append(TriggerProblem(pointer: "/recurrence/" + pointerEscaped(member.key), detail: "Unknown field; accepted: \(known.joined(separator: ", "))."))
        }
        let frequency = node["frequency"]?.stringValue
        let interval = node["interval"]?.numberLiteral.flatMap { Int($0) }
        if frequency == nil { problems.append(TriggerProblem(pointer: "/recurrence/frequency", detail: "'frequency' is required: Minute, Hour, Day, Week or Month.")) }
        if interval == nil { problems.append(TriggerProblem(pointer: "/recurrence/interval", detail: "'interval' is required: a whole number ≥ 1.")) }
        func integers(_ key: String) -> [Int]? {
            guard let value = node[key], !value.isNull else { return nil }
            guard let items = value.arrayElements, items.allSatisfy({ $0.numberLiteral.flatMap { Int($0) } != nil }) else {
                problems.append(TriggerProblem(pointer: "/recurrence/\(key)", detail: "'\(key)' must be a list of whole numbers."))
                return nil
            }
            return items.compactMap { $0.numberLiteral.flatMap { Int($0) } }
        }
        var weekDays: [String]?
        if let value = node["week_days"], !value.isNull {
            if let items = value.arrayElements, items.allSatisfy({ $0.stringValue != nil }) {
                weekDays = items.compactMap(\.stringValue)
            } else {
                problems.append(TriggerProblem(pointer: "/recurrence/week_days", detail: "'week_days' must be a list of day names (Monday … Sunday)."))
            }
        }
        guard let frequency, let interval else { return nil }
        return .init(
            frequency: frequency, interval: interval, startTime: node["start_time"]?.stringValue, timeZone: node["time_zone"]?.stringValue,
            hours: integers("hours"), minutes: integers("minutes"), weekDays: weekDays, timeOfDay: node["time_of_day"]?.stringValue,
            endTime: node["end_time"]?.stringValue)
    }

    private static func cron(_ node: JSONNode, _ problems: inout [TriggerProblem]) -> ScheduleDefinition.CronSpec? {
        guard node.objectMembers != nil, let expression = node["expression"]?.stringValue else {
            problems.append(TriggerProblem(pointer: "/cron/expression", detail: "'cron' must be an object with an 'expression' (5 fields)."))
            return nil
        }
        return .init(
            expression: expression, timeZone: node["time_zone"]?.stringValue, startTime: node["start_time"]?.stringValue,
            endTime: node["end_time"]?.stringValue)
    }

    /// `datastore` and its companions (the SDK's `datastore=`, `path_on_datastore=`, `polling_interval=`,
    /// `data_path_parameter_name=`), plus `file_pattern`.
    private static func datastore(_ node: JSONNode, _ root: JSONNode, into definition: inout ScheduleDefinition, _ problems: inout [TriggerProblem]) {
        guard let name = node.stringValue, !name.isEmpty else {
            problems.append(TriggerProblem(pointer: "/datastore", detail: "'datastore' must be the name of a blob datastore of the workspace."))
            return
        }
        definition.datastore = name
        switch root["path_on_datastore"] {
        case .none, .some(.null): break
        case .some(.string(let path)):
            // A leading or trailing '/' is harmless (the folder is read without them); '..' is not.
            let folder = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            if !folder.isEmpty, let problem = RelativePathRule.problem(with: folder, field: "'path_on_datastore'") {
                problems.append(TriggerProblem(pointer: "/path_on_datastore", detail: problem))
            } else {
                definition.pathOnDatastore = path
            }
        case .some: problems.append(TriggerProblem(pointer: "/path_on_datastore", detail: "'path_on_datastore' must be a folder path (a string)."))
        }
        switch root["polling_interval"] {
        case .none, .some(.null): break
        case .some(.number(let literal)) where Int(literal).map(PollCalendar.intervalRange.contains) == true:
            definition.pollingInterval = Int(literal)
        case .some:
            problems.append(TriggerProblem(
                pointer: "/polling_interval",
                detail: "'polling_interval' must be a whole number of minutes from \(PollCalendar.intervalRange.lowerBound) to \(PollCalendar.intervalRange.upperBound)."))
        }
        switch root["data_path_parameter_name"] {
        case .none, .some(.null): break
        case .some(.string(let parameter)) where !parameter.isEmpty: definition.dataPathParameterName = parameter
        case .some:
            problems.append(TriggerProblem(pointer: "/data_path_parameter_name", detail: "'data_path_parameter_name' must name one of the pipeline's DataPath parameters."))
        }
        switch root["file_pattern"] {
        case .none, .some(.null): break
        case .some(.string(let text)):
            do {
                _ = try GlobPattern(text)
                definition.filePattern = text
            } catch {
                problems.append(TriggerProblem(pointer: "/file_pattern", detail: "'file_pattern' is not a usable glob: \(error.detail)."))
            }
        case .some: problems.append(TriggerProblem(pointer: "/file_pattern", detail: "'file_pattern' must be a glob such as *.csv."))
        }
    }

    private static func pointerEscaped(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

/// Every problem of a schedule (or webhook) body, each with its pointer.
struct ScheduleRequestProblems: Error {
    var problems: [TriggerProblem]
    /// The body is well-formed and its only problem is which target it names (422, not 400).
    var isUnprocessable = false

    /// The problem answer: 422 when only the target is wrong, else 400, every problem listed.
    func error(_ what: String, type: String) -> HTTPError {
        let detail = "The \(what) is not valid (\(problems.count) problem\(problems.count == 1 ? "" : "s"))."
        let errors = problems.map { ProblemDetails.FieldError(pointer: $0.pointer, detail: $0.detail) }
        guard isUnprocessable else { return HTTPError(.badRequest, detail: detail, type: type, errors: errors) }
        return HTTPError(.unprocessableContent, title: "Unprocessable Content", detail: detail, type: type, errors: errors)
    }
}
