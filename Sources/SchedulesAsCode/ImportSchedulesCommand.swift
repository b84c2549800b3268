import Foundation
import JSON

/// `pipeline-gateway import-schedules [--take-over | --give-back] [--server URL] [--api-key KEY]`: asks
/// a running gateway to import the workspace's v1 schedules (or take them over, or give them back)
/// with `POST /v1/imports`, and prints its table. The work is the server's; this is only its client,
/// like `apply` and `export`, so the same rules hold however an import is started.
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

        Exit status: 0 every row is fine, 1 a row failed or was not convertible, 2 usage error,
        3 the gateway could not be reached or refused the request.
        """

    public static func run(
        arguments: [String], environment: [String: String], out: (String) -> Void, err: (String) -> Void
    ) async -> Int32 {
        let options: ClientOptions
        let mode: String
        switch ClientInvocation.parse(
            arguments, command: "import-schedules", help: help, valued: [], switches: ["take-over", "give-back"], environment: environment,
            validate: { scanner throws(CommandUsageError) in
                if scanner.switches.isSuperset(of: ["take-over", "give-back"]) {
                    throw CommandUsageError(message: "--take-over and --give-back cannot be used together")
                }
            }, out: out, err: err)
        {
        case .run(let parsed, let scanner):
            options = parsed
            mode = scanner.switches.contains("take-over") ? "take_over" : scanner.switches.contains("give-back") ? "give_back" : "import"
        case .stop(let status):
            return status
        }
        let answer: JSONNode
        do {
            answer = try await GatewayClient(server: options.server, apiKey: options.apiKey).importSchedules(mode: mode)
        } catch {
            err("import-schedules: \(error)")
            return ClientExit.server
        }
        let rows = (answer["items"]?.arrayElements ?? []).map { item in
            ["azure_schedule_id", "name", "outcome", "schedule_id", "reason"].map { item[$0]?.stringValue ?? "-" }
        }
        out(table(header: ["AZURE ID", "NAME", "OUTCOME", "GATEWAY ID", "REASON"], rows: rows))
        if rows.isEmpty { out("The workspace has no v1 schedules.") }
        let attention = rows.filter { $0[2] == "failed" || $0[2] == "not_convertible" }.count
        guard attention == 0 else {
            err("import-schedules: \(attention) of \(rows.count) schedules need attention (failed or not convertible); the others are done.")
            return ClientExit.invalid
        }
        return ClientExit.ok
    }

    /// Columns padded to their widest cell; the last one (the reason) is not padded.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
