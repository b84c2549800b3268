import JSON

/// `pipeline-gateway apply -f FILE [--dry-run] [--prune] [--server URL] [--api-key KEY]`: makes the
/// gateway's schedules what the file says, by name, through the public schedules API.
///
/// Everything is checked before anything changes: the file's shape, then every create and update
/// against the server with `?dry_run=true`. Any problem (each printed `FILE:LINE:COLUMN: …`) → exit 1
/// and nothing changed.
public enum ApplyCommand {
    public static let help = """
        Usage: pipeline-gateway apply -f FILE [--dry-run] [--prune] [--server URL] [--api-key KEY]

        Makes the gateway's schedules match FILE, by schedule name: creates the missing ones, updates the
        changed ones (only the changed fields, guarded by If-Match) and leaves equal ones alone. Schedules it
        creates are marked "managed_by": "apply"; --prune also deletes marked schedules the file no longer
        has (never hand-made ones). Status (enabled/disabled) is not part of the file.

        FILE is YAML (read with libyaml) or JSON (a name ending in .json), in one of these shapes:
          schedules:                       # the gateway's: POST /v1/schedules bodies (or a bare list)
            - name: nightly
              pipeline_id: <published pipeline id>
              experiment_name: MyExperiment
              recurrence: {frequency: Day, interval: 1, hours: [2], minutes: [0], time_zone: UTC}
          Schedule:                        # the SDK's Schedule.load_yaml file, plus the keys the SDK
            name: nightly                  # takes separately: name, pipeline_id (or pipeline_endpoint_id
            pipeline_id: <id>              # [+ pipeline_version]) and experiment_name
            experiment_name: MyExperiment
            recurrence: {frequency: Day, interval: 1}
        A YAML file may hold several documents (---). 'pipeline-gateway export' prints a file apply takes back.

        Everything is validated first (the file's shape, then each create/update with the server's dry run);
        any problem is printed as FILE:LINE:COLUMN: message and nothing changes.

        Options:
          -f, --file FILE   the schedule file (required)
          --dry-run         print the plan as a diff (+ create, ~ update with -/+ per field, - delete); change nothing
          --prune           delete schedules an earlier apply created that FILE no longer has
          --server URL      the gateway (GATEWAY_PUBLIC_URL, default http://127.0.0.1:8080)
          --api-key KEY     an admin API key (GATEWAY_API_KEY); never printed

        Exit status: 0 done (or nothing to do), 1 invalid file or refused by the server's checks (nothing
        changed), 2 usage error, 3 gateway unreachable or failing (or changed meanwhile: run apply again).
        """

    /// Runs the command; `out` gets the plan and what was done, `err` the problems.
    public static func run(
        arguments: [String], environment: [String: String], out: (String) -> Void, err: (String) -> Void
    ) async -> Int32 {
        let options: ClientOptions
        let scanner: ArgumentScanner
        switch ClientInvocation.parse(
            arguments, command: "apply", help: help, valued: ["file"], switches: ["dry-run", "prune"], short: ["-f": "file"],
            environment: environment, validate: { scanner throws(CommandUsageError) in
                guard let path = scanner.values["file"], !path.isEmpty else { throw CommandUsageError(message: "'apply' needs -f FILE") }
            }, out: out, err: err)
        {
        case .run(let parsed, let read):
            options = parsed
            scanner = read
        case .stop(let status):
            return status
        }
        let file = scanner.values["file"] ?? ""
        let items: [ScheduleFileItem]
        switch ScheduleFileReader.read(path: file) {
        case .success(let read): items = read
        case .failure(let problems):
            report(problems.all, err)
            return ClientExit.invalid
        }
        let applier = ScheduleApplier(client: GatewayClient(server: options.server, apiKey: options.apiKey))
        let prepared: ScheduleApplier.Prepared
        switch await applier.prepare(items, prune: scanner.switches.contains("prune")) {
        case .ready(let value): prepared = value
        case .invalid(let problems):
            report(problems, err)
            return ClientExit.invalid
        case .failed(let failure):
            err("apply: \(failure)")
            return ClientExit.server
        }
        if scanner.switches.contains("dry-run") {
            prepared.plan.diff.forEach(out)
            return ClientExit.ok
        }
        do {
            try await applier.carryOut(prepared, out: out)
            return ClientExit.ok
        } catch {
            // Checked a moment ago, refused now: the gateway changed meanwhile (412) or failed. What was
            // done is printed above; a second run finishes the job.
            err("apply: stopped: \(error)\napply: the changes printed above were made; run apply again to finish")
            return ClientExit.server
        }
    }

    private static func report(_ problems: [ScheduleFileProblem], _ err: (String) -> Void) {
        problems.forEach { err($0.description) }
        err("apply: \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was changed")
    }
}
