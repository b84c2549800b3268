/// Which Azure ML the gateway talks to: a real workspace, or — when none is configured — the
/// built-in emulator, reached over loopback HTTP through the very same client.
public enum BackendConfiguration: Sendable, Equatable {
    case emulated(dataDirectory: String)
    case workspace(WorkspaceSettings)

    /// Whether `serve` runs its built-in emulator instead of calling a workspace.
    public var isEmulated: Bool {
        if case .emulated = self { return true }
        return false
    }

    public struct WorkspaceSettings: Sendable, Equatable {
        public var subscriptionID: String
        public var resourceGroup: String
        public var workspaceName: String
        /// Base URL of the pipelines service (`https://{region}.api.azureml.ms`, or AZUREML_ENDPOINT).
        public var endpoint: String
    }

    static let workspaceVariables = ["AZUREML_SUBSCRIPTION_ID", "AZUREML_RESOURCE_GROUP", "AZUREML_WORKSPACE"]

    /// Reads the workspace variables: all three or none, plus a region or an endpoint.
    static func load(environment: [String: String], dataDirectory: String, problems: inout [ConfigurationError.Problem]) -> BackendConfiguration {
        let values = workspaceVariables.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        let given = zip(workspaceVariables, values).filter { $0.1 != nil }.map(\.0)
        guard !given.isEmpty else { return .emulated(dataDirectory: dataDirectory) }
        let missing = workspaceVariables.filter { !given.contains($0) }
        if !missing.isEmpty {
            problems.append(.init(setting: missing.joined(separator: ", "),
                                  message: "a workspace needs all three of \(workspaceVariables.joined(separator: ", ")); \(given.joined(separator: ", ")) given"))
            return .emulated(dataDirectory: dataDirectory)
        }
        var endpoint = ""
        if let explicit = environment["AZUREML_ENDPOINT"], !explicit.isEmpty {
            if explicit.hasPrefix("https://") || explicit.hasPrefix("http://") {
                endpoint = explicit.hasSuffix("/") ? String(explicit.dropLast()) : explicit
            } else {
                problems.append(.init(setting: "AZUREML_ENDPOINT", message: "'\(explicit)' must be an http(s) URL"))
            }
        } else if let region = environment["AZUREML_REGION"], !region.isEmpty {
            let normalized = region.lowercased().filter { $0 != " " }
            if normalized.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                endpoint = "https://\(normalized).api.azureml.ms"
            } else {
                problems.append(.init(setting: "AZUREML_REGION", message: "'\(region)' is not an Azure region name (e.g. westeurope)"))
            }
        } else {
            problems.append(.init(setting: "AZUREML_REGION", message: "set AZUREML_REGION (e.g. westeurope) or AZUREML_ENDPOINT for the workspace"))
        }
        return .workspace(WorkspaceSettings(
            subscriptionID: values[0] ?? "", resourceGroup: values[1] ?? "", workspaceName: values[2] ?? "", endpoint: endpoint))
    }
}
