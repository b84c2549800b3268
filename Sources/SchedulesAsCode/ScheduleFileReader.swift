import Foundation
import JSON
import YAML

/// Reads a schedule file into create bodies, checking its shape before anything is sent anywhere.
///
/// Shapes taken (YAML via libyaml, or JSON when the name ends in `.json`; a YAML stream may hold
/// several documents, each of any shape):
/// - the gateway's: `{"schedules": [<POST /v1/schedules body>, …]}` or a bare list of such bodies;
/// - the SDK's: the `Schedule:` document `Schedule.load_yaml` (azureml-pipeline-core 1.62) reads
///   (`SDKScheduleDocument`), plus the `name`, `pipeline_id`/`pipeline_endpoint_id` and
///   `experiment_name` that the SDK passes to `Schedule.create` separately.
/// Every shape problem is collected (not just the first), each with its line and column.
public enum ScheduleFileReader {
    /// The schedules of the file at `path`, or every problem found in it.
    public static func read(path: String) -> Result<[ScheduleFileItem], ScheduleFileProblems> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ScheduleFileProblems([ScheduleFileProblem(file: path, position: nil, message: "cannot read the file")]))
        }
        return read(Array(data), file: path)
    }

    /// The schedules of `bytes`, named `file` in problems; JSON when `file` ends in `.json`.
    public static func read(_ bytes: [UInt8], file: String) -> Result<[ScheduleFileItem], ScheduleFileProblems> {
        var documents: [YAMLDocument]
        if file.lowercased().hasSuffix(".json") {
            do {
                let root = try JSONParser().parse(bytes)
                documents = [YAMLDocument(root: root, sourceMap: SourceMap(json: root, bytes: bytes))]
            } catch {
                let position = LineIndex(bytes).position(ofByte: error.byteOffset)
                return .failure(ScheduleFileProblems([ScheduleFileProblem(file: file, position: position, message: "invalid JSON: \(error)")]))
            }
        } else {
            do {
                documents = try YAMLReader().documents(bytes)
            } catch {
                return .failure(ScheduleFileProblems([ScheduleFileProblem(file: file, position: error.position, message: "invalid YAML: \(error.message)")]))
            }
        }
        var items: [ScheduleFileItem] = []
        var problems: [ScheduleFileProblem] = []
        for document in documents {
            collect(document, file: file, into: &items, &problems)
        }
        if items.isEmpty && problems.isEmpty {
            problems.append(ScheduleFileProblem(file: file, position: nil, message: "the file has no schedules"))
        }
        var seen: [String: ScheduleFileItem] = [:]
        for item in items {
            if let first = seen[item.name] {
                let line = first.sourceMap.position(of: .root).map { " (first at line \($0.line))" } ?? ""
                problems.append(item.problem(at: "/name", "the name '\(item.name)' is used twice\(line); apply matches schedules by name"))
            } else {
                seen[item.name] = item
            }
        }
        return problems.isEmpty ? .success(items) : .failure(ScheduleFileProblems(problems))
    }

    private static func collect(_ document: YAMLDocument, file: String, into items: inout [ScheduleFileItem], _ problems: inout [ScheduleFileProblem]) {
        let map = document.sourceMap
        func problem(_ pointer: JSONPointer, _ message: String) {
            problems.append(ScheduleFileProblem(file: file, position: map.position(of: pointer), message: message))
        }
        switch document.root {
        case .null:
            return
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                gatewayItem(element, at: JSONPointer.root.appending(index: index), map: map, file: file, into: &items, &problems)
            }
        case .object(let members) where document.root["Schedule"] != nil:
            for member in members where member.key != "Schedule" {
                problem(JSONPointer.root.appending(member.key), "unknown top-level key '\(member.key)' beside 'Schedule'")
            }
            switch SDKScheduleDocument.convert(document.root["Schedule"] ?? .null, map: map.subtree(at: JSONPointer.root.appending("Schedule")), file: file) {
            case .success(let item): items.append(item)
            case .failure(let found): problems += found.all
            }
        case .object(let members) where document.root["schedules"] != nil:
            for member in members where member.key != "schedules" {
                problem(JSONPointer.root.appending(member.key), "unknown top-level key '\(member.key)'; a file is {schedules: [...]}")
            }
            let list = JSONPointer.root.appending("schedules")
            guard let elements = document.root["schedules"]?.arrayElements else {
                return problem(list, "'schedules' must be a list of schedules")
            }
            for (index, element) in elements.enumerated() {
                gatewayItem(element, at: list.appending(index: index), map: map, file: file, into: &items, &problems)
            }
        default:
            problem(.root, "a schedule file is a mapping with 'schedules:' (a list of schedules), a list of schedules, or the SDK's 'Schedule:' document")
        }
    }

    /// One element of a gateway-shape list: an object with a non-empty `name`; the rest the server checks.
    private static func gatewayItem(
        _ node: JSONNode, at pointer: JSONPointer, map: SourceMap, file: String, into items: inout [ScheduleFileItem], _ problems: inout [ScheduleFileProblem]
    ) {
        let itemMap = map.subtree(at: pointer)
        guard node.objectMembers != nil else {
            problems.append(ScheduleFileProblem(file: file, position: itemMap.position(of: .root), message: "a schedule must be a mapping of fields (name, pipeline_id, …); got \(node.kindName)"))
            return
        }
        guard let name = node["name"]?.stringValue, !name.isEmpty else {
            problems.append(ScheduleFileProblem(
                file: file, position: itemMap.position(of: JSONPointer(tokens: ["name"])), message: "a schedule needs a 'name' (a non-empty string): apply matches schedules by name"))
            return
        }
        items.append(ScheduleFileItem(name: name, body: node, sourceMap: itemMap, file: file))
    }
}
