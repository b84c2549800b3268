import JSON
import YAML

/// `pipeline-gateway export [--server URL] [--api-key KEY] [--format yaml|json]`: prints every
/// schedule of the gateway as a file `apply` takes back unchanged (only create-body fields).
public enum ExportCommand {
    public static let help = """
        Usage: pipeline-gateway export [--format yaml|json] [--server URL] [--api-key KEY]

        Prints every schedule of the gateway (enabled or not) as a schedule file, {"schedules": [...]}, with
        only the fields a create takes: no ids, status, timestamps or fire times. 'pipeline-gateway apply -f'
        takes it back unchanged, so export → apply --dry-run reports no changes.

        Options:
          --format FORMAT   yaml (default) or json
          --server URL      the gateway (GATEWAY_PUBLIC_URL, default http://127.0.0.1:8080)
          --api-key KEY     an API key with at least the reader role (GATEWAY_API_KEY); never printed

        Exit status: 0 printed, 2 usage error, 3 gateway unreachable or failing.
        """

    public static func run(
        arguments: [String], environment: [String: String], out: (String) -> Void, err: (String) -> Void
    ) async -> Int32 {
        let options: ClientOptions
        let format: String
        switch ClientInvocation.parse(
            arguments, command: "export", help: help, valued: ["format"], environment: environment,
            validate: { scanner throws(CommandUsageError) in
                guard ["yaml", "json"].contains(scanner.values["format"] ?? "yaml") else { throw CommandUsageError(message: "--format must be yaml or json") }
            }, out: out, err: err)
        {
        case .run(let parsed, let scanner):
            options = parsed
            format = scanner.values["format"] ?? "yaml"
        case .stop(let status):
            return status
        }
        let resources: [JSONNode]
        do {
            resources = try await GatewayClient(server: options.server, apiKey: options.apiKey).schedules()
        } catch {
            err("export: \(error)")
            return ClientExit.server
        }
        let document = JSONNode.object([JSONMember(key: "schedules", value: .array(resources.map { ScheduleBody.of(resource: $0) }))])
        out(format == "json" ? PrettyJSON.text(document) : YAMLWriter.text(document))
        return ClientExit.ok
    }
}

/// Indented JSON for `export --format json` (the project's `JSONWriter` writes compact JSON).
enum PrettyJSON {
    static func text(_ node: JSONNode, indent: String = "") -> String {
        let inner = indent + "  "
        switch node {
        case .object(let members) where !members.isEmpty:
            let lines = members.map { inner + SchedulePlan.compact(.string($0.key)) + ": " + text($0.value, indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + text($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return SchedulePlan.compact(node)
        }
    }
}
