import AzureML
import JSON
import Webhooks

/// A `POST /v1/webhooks` body (or a stored webhook with a merge patch applied) read into a
/// definition, with every problem found, each with its JSON pointer. Templates and secrets are
/// checked here, before anything is stored; that the parameter names exist in the pipeline is
/// checked against its interface by the routes.
struct WebhookRequest {
    var name: String
    /// A published pipeline, or a pipeline endpoint (its version is also in `definition`).
    var target: SubmitTarget
    var status: String
    var scheme: WebhookScheme
    /// Given secrets (write-only); nil when the body named none.
    var secrets: [WebhookSecret]?
    var definition: WebhookDefinition

    static let acceptedKeys = [
        "name", "description", "pipeline_id", "pipeline_endpoint_id", "pipeline_version", "experiment_name", "status", "continue_on_step_failure", "scheme", "secrets",
        "parameter_assignments", "data_path_assignments", "filter",
    ]
    /// Senders rotate by adding the new secret before retiring the old one; three is enough for that.
    static let maxSecrets = 3

    static func parse(_ bytes: [UInt8]) -> Result<WebhookRequest, ScheduleRequestProblems> {
        ResourceBody.read(bytes, describing: "webhook", acceptedKeys: acceptedKeys).flatMap(parse)
    }

    static func parse(_ root: JSONNode) -> Result<WebhookRequest, ScheduleRequestProblems> {
        ResourceBody.read(root, describing: "webhook", acceptedKeys: acceptedKeys).flatMap(parse)
    }

    private static func parse(_ read: ResourceBody) -> Result<WebhookRequest, ScheduleRequestProblems> {
        var body = read
        let root = body.root
        let name = body.string("name", required: true)
        let target = body.target()
        let experimentName = body.experimentName()
        let description = body.string("description", required: false)
        let continueOnStepFailure = body.bool("continue_on_step_failure")
        let status = body.string("status", required: false) ?? "Active"
        if !["Active", "Disabled"].contains(status) { body.add("/status", "'status' must be Active or Disabled.") }
        let scheme = WebhookScheme(rawValue: body.string("scheme", required: false) ?? WebhookScheme.standard.rawValue)
        if scheme == nil { body.add("/scheme", "'scheme' must be one of \(WebhookScheme.allCases.map(\.rawValue).joined(separator: ", ")).") }
        var problems = body.problems
        let secrets = scheme.flatMap { Self.secrets(root["secrets"], scheme: $0, &problems) }
        let parameters = Self.templates(root["parameter_assignments"], &problems)
        let dataPaths = Self.dataPaths(root["data_path_assignments"], &problems)
        let filter = Self.filter(root["filter"], &problems)
        guard problems.isEmpty, let name, let target, let experimentName, let scheme else {
            return .failure(ScheduleRequestProblems(problems: problems, isUnprocessable: problems.count == body.targetProblemCount))
        }
        var pipelineVersion: String?
        if case .endpoint(_, let version) = target { pipelineVersion = version }
        return .success(WebhookRequest(
            name: name, target: target, status: status, scheme: scheme, secrets: secrets,
            definition: WebhookDefinition(
                description: description, experimentName: experimentName, pipelineVersion: pipelineVersion,
                continueOnStepFailure: continueOnStepFailure, parameterAssignments: parameters, dataPathAssignments: dataPaths, filter: filter)))
    }

    private static func secrets(_ node: JSONNode?, scheme: WebhookScheme, _ problems: inout [TriggerProblem]) -> [WebhookSecret]? {
        guard let node, !node.isNull else { return nil }
        guard let elements = node.arrayElements, (1...maxSecrets).contains(elements.count) else {
            problems.append(TriggerProblem(pointer: "/secrets", detail: "'secrets' must be an array of 1 to \(maxSecrets) strings."))
            return nil
        }
        var secrets: [WebhookSecret] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else {
                problems.append(TriggerProblem(pointer: "/secrets/\(index)", detail: "A secret must be a string."))
                continue
            }
            do {
                secrets.append(try WebhookSecret(text, for: scheme))
            } catch {
                problems.append(TriggerProblem(pointer: "/secrets/\(index)", detail: error.message))
            }
        }
        return secrets
    }

    /// Checks a template's syntax; the problem names its pointer in the body and the offset inside it.
    private static func checkTemplate(_ text: String, at pointer: String, _ problems: inout [TriggerProblem]) {
        do {
            _ = try PayloadTemplate(parsing: text)
        } catch {
            problems.append(TriggerProblem(pointer: pointer, detail: "Template error at character \(error.offset): \(error.message)"))
        }
    }

    private static func templates(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> [String: String] {
        guard let node, !node.isNull else { return [:] }
        guard let members = node.objectMembers else {
            problems.append(TriggerProblem(pointer: "/parameter_assignments", detail: "'parameter_assignments' must be an object of name → template."))
            return [:]
        }
        var values: [String: String] = [:]
        for member in members {
            let pointer = "/parameter_assignments/" + JSONPointer.escape(member.key)
            switch member.value {
            case .string(let text):
                checkTemplate(text, at: pointer, &problems)
                values[member.key] = text
            case .number(let literal): values[member.key] = literal
            case .bool(let flag): values[member.key] = flag ? "True" : "False"
            default: problems.append(TriggerProblem(pointer: pointer, detail: "A parameter template must be a string (or a literal number or boolean)."))
            }
        }
        return values
    }

    private static func dataPaths(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> [String: WebhookDefinition.DataPath] {
        guard let node, !node.isNull else { return [:] }
        guard let members = node.objectMembers else {
            problems.append(TriggerProblem(
                pointer: "/data_path_assignments", detail: "'data_path_assignments' must be an object of name → {DataStoreName, RelativePath}."))
            return [:]
        }
        var values: [String: WebhookDefinition.DataPath] = [:]
        for member in members {
            let pointer = "/data_path_assignments/" + JSONPointer.escape(member.key)
            guard case .string(let store)? = member.value["DataStoreName"], case .string(let path)? = member.value["RelativePath"], !store.isEmpty,
                !path.isEmpty
            else {
                problems.append(TriggerProblem(pointer: pointer, detail: "Each DataPath needs 'DataStoreName' and 'RelativePath' templates (non-empty strings)."))
                continue
            }
            checkTemplate(store, at: pointer + "/DataStoreName", &problems)
            checkTemplate(path, at: pointer + "/RelativePath", &problems)
            values[member.key] = WebhookDefinition.DataPath(dataStoreName: store, relativePath: path)
        }
        return values
    }

    private static func filter(_ node: JSONNode?, _ problems: inout [TriggerProblem]) -> WebhookDefinition.Filter? {
        guard let node, !node.isNull else { return nil }
        guard case .string(let pointerText)? = node["pointer"], let accepted = node["in"]?.arrayElements, !accepted.isEmpty else {
            problems.append(TriggerProblem(pointer: "/filter", detail: "'filter' must be {\"pointer\": \"/json/pointer\", \"in\": [values…]} with at least one value."))
            return nil
        }
        do {
            _ = try JSONPointer(parsing: pointerText)
        } catch {
            problems.append(TriggerProblem(pointer: "/filter/pointer", detail: "Not a JSON pointer (RFC 6901): \(error)"))
        }
        var values: [String] = []
        for (index, value) in accepted.enumerated() {
            switch value {
            case .string, .number, .bool:
                var writer = JSONWriter()
                writer.write(value)
                values.append(String(decoding: writer.bytes, as: UTF8.self))
            default:
                problems.append(TriggerProblem(pointer: "/filter/in/\(index)", detail: "A filter value must be a string, number or boolean."))
            }
        }
        return WebhookDefinition.Filter(pointer: pointerText, values: values)
    }
}
