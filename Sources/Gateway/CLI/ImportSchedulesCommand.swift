public import AzureML
import Foundation
import JSON

/// `pipeline-gateway import-schedules [--take-over | --give-back] [--server URL] [--api-key KEY]`: asks
/// a running gateway to import the workspace's v1 schedules (or take them over, or give them back)
/// with `POST /v1/imports`, and prints its table. The work is the server's; this is only its client,
/// so the same rules apply however the import is started.
public enum ImportSchedulesCommand {
    public static let help = """
        Usage: pipeline-gateway import-schedules [--take-over | --give-back] [--server URL] [--api-key KEY]

        Copies the Azure ML workspace's SDK v1 schedules into the gateway as Disabled schedules (a re-run
        updates them, never duplicates), and prints one row per schedule: Azure id, name, outcome,
        gateway id and reason. Outcomes: imported, updated, unchanged, not_convertible, taken_over,
        given_back, failed.

        Options:
          --take-over       also switch each schedule over: disable it in Azure, then enable the gateway copy
                            from the first occurrence after its last Azure run (a re-run finishes an interrupted one)
          --give-back       the reverse: disable the gateway copy, then enable the Azure schedule again
          --server URL      the gateway (GATEWAY_PUBLIC_URL, default http://127.0.0.1:8080)
          --api-key KEY     an admin API key (GATEWAY_API_KEY); never printed

        Exit status: 0 every row is fine, 1 a row failed or was not convertible, 2 usage, 3 the gateway
        could not be reached or refused the request.
        """

    /// What a run printed and its exit status.
    public struct Result: Sendable, Equatable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    public static func run(arguments: [String], environment: [String: String], transport: HTTPTransport = HTTPTransport(maximumConnectionsPerHost: 1)) async -> Result {
        var mode = "import"
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--take-over", "--give-back":
                let wanted = argument == "--take-over" ? "take_over" : "give_back"
                guard mode == "import" || mode == wanted else { return usage("--take-over and --give-back cannot be used together") }
                mode = wanted
            default:
                var name = argument
                var value: String?
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                guard name == "--server" || name == "--api-key" else { return usage("unknown argument '\(name)' for 'import-schedules'") }
                guard values[name] == nil else { return usage("\(name) given more than once") }
                if value == nil {
                    guard index + 1 < arguments.count else { return usage("\(name) needs a value") }
                    index += 1
                    value = arguments[index]
                }
                values[name] = value
            }
            index += 1
        }
        let client: GatewayAPIClient
        do {
            client = try GatewayAPIClient.resolve(server: values["--server"], apiKey: values["--api-key"], environment: environment, transport: transport)
        } catch {
            return usage(error.message)
        }
        let answer: JSONNode
        do {
            answer = try await client.post("/v1/imports", json: Array("{\"mode\":\"\(mode)\"}".utf8))
        } catch {
            return Result(status: 3, output: "", errors: error.description + "\n")
        }
        let rows = (answer["items"]?.arrayElements ?? []).map { item in
            ["azure_schedule_id", "name", "outcome", "schedule_id", "reason"].map { item[$0]?.stringValue ?? "-" }
        }
        let failing = rows.filter { $0[2] == "failed" || $0[2] == "not_convertible" }.count
        var output = table(header: ["AZURE ID", "NAME", "OUTCOME", "GATEWAY ID", "REASON"], rows: rows)
        output += rows.isEmpty ? "The workspace has no v1 schedules.\n" : ""
        return Result(status: failing > 0 ? 1 : 0, output: output, errors: failing > 0 ? "\(failing) of \(rows.count) schedules need attention.\n" : "")
    }

    /// Columns padded to their widest cell; the last one (the reason) is not padded.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private static func usage(_ message: String) -> Result {
        Result(status: 2, output: "", errors: message + "\nRun 'pipeline-gateway import-schedules --help' for usage.\n")
    }
}
