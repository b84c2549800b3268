public import Observability

/// The `pipeline-gateway` command line: `serve`, `version`, `--help`. Parsing is separate from
/// running so tests can check every flag and error without starting anything.
public enum GatewayCommand: Equatable, Sendable {
    case serve(flags: [String: String])
    case emulator(flags: [String: String])
    case checkConfig(flags: [String: String])
    case migrate(flags: [String: String])
    case backup(flags: [String: String])
    /// A client of a running gateway like `apply`: the arguments are its own (SchedulesAsCode's `ImportSchedulesCommand`).
    case importSchedules(arguments: [String])
    /// `apply` and `export` parse their own arguments (`-f`, switches): they are clients of a running
    /// gateway, in the SchedulesAsCode module.
    case apply(arguments: [String])
    case export(arguments: [String])
    case version
    case help(topic: String?)

    public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message + "\nRun 'pipeline-gateway --help' for usage." }
    }

    static let serveFlags: Set<String> = [
        "listen", "public-url", "log-level", "event-loops", "data", "database", "env-file", "tls-cert", "tls-key", "clock-scale", "clock-origin",
    ]
    static let storeFlags: Set<String> = ["data", "database", "env-file"]
    static let emulatorFlags: Set<String> = ["listen", "data", "run-seconds", "public-url", "log-level"]

    public static func parse(_ arguments: [String]) throws(UsageError) -> GatewayCommand {
        guard let first = arguments.first else { return .help(topic: nil) }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "--help", "-h", "help":
            return .help(topic: rest.first)
        case "--version", "version":
            guard rest.isEmpty else { throw UsageError(message: "'version' takes no arguments") }
            return .version
        case "serve":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: "serve") }
            return .serve(flags: try parseFlags(rest, allowed: serveFlags, command: "serve"))
        case "check-config":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: "check-config") }
            return .checkConfig(flags: try parseFlags(rest, allowed: serveFlags, command: "check-config"))
        case "migrate":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: "migrate") }
            return .migrate(flags: try parseFlags(rest, allowed: storeFlags, command: "migrate"))
        case "backup":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: "backup") }
            let flags = try parseFlags(rest, allowed: storeFlags.union(["to"]), command: "backup")
            guard let target = flags["to"], !target.isEmpty else { throw UsageError(message: "'backup' needs --to FILE") }
            return .backup(flags: flags)
        case "apply":
            return .apply(arguments: rest)
        case "export":
            return .export(arguments: rest)
        case "emulator":
            if rest.contains("--help") || rest.contains("-h") { return .help(topic: "emulator") }
            return .emulator(flags: try parseFlags(rest, allowed: emulatorFlags, command: "emulator"))
        case "import-schedules":
            return .importSchedules(arguments: rest)
        default:
            throw UsageError(message: "unknown command '\(first)'")
        }
    }

    /// `--name value` and `--name=value`; every flag must be known and given once.
    static func parseFlags(_ arguments: [String], allowed: Set<String>, command: String) throws(UsageError) -> [String: String] {
        var flags: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw UsageError(message: "unexpected argument '\(argument)' for '\(command)'")
            }
            var name = String(argument.dropFirst(2))
            var value: String
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            } else {
                guard index + 1 < arguments.count else { throw UsageError(message: "--\(name) needs a value") }
                index += 1
                value = arguments[index]
            }
            guard allowed.contains(name) else { throw UsageError(message: "unknown option --\(name) for '\(command)'") }
            guard flags[name] == nil else { throw UsageError(message: "--\(name) given more than once") }
            flags[name] = value
            index += 1
        }
        return flags
    }

    public static func helpText(topic: String?) -> String {
        switch topic {
        case "serve":
            return """
                Usage: pipeline-gateway serve [options]

                Runs the gateway. Flags override the environment.

                Options:
                  --listen HOST:PORT    address to listen on (GATEWAY_LISTEN, default \(GatewayConfiguration.defaultListen);
                                        port 0 picks a free port and logs it)
                  --public-url URL      URL clients reach the gateway at (GATEWAY_PUBLIC_URL)
                  --log-level LEVEL     debug, info, warning or error (GATEWAY_LOG_LEVEL, default info)
                  --event-loops N       I/O threads (GATEWAY_EVENT_LOOPS, default one per core)
                  --data DIR            state folder: emulator blobs, default database (GATEWAY_DATA_DIR, default ./data)
                  --database URL        sqlite:PATH (GATEWAY_DATABASE, default sqlite:DATA/gateway.sqlite3)
                  --env-file FILE       KEY=VALUE lines read over the environment at start; SIGHUP re-reads
                                        GATEWAY_API_KEYS from it
                  --tls-cert FILE       serve HTTPS with this PEM certificate (chain) (GATEWAY_TLS_CERT)
                  --tls-key FILE        the certificate's PEM private key, unencrypted (GATEWAY_TLS_KEY)
                  --clock-scale N       test only (needs GATEWAY_TESTING=1): the scheduler's clock runs N times
                                        faster (GATEWAY_CLOCK_SCALE), from --clock-origin TIME (GATEWAY_CLOCK_ORIGIN)

                Environment:
                  GATEWAY_API_KEYS            name:role:secret,… (required when listening on a non-loopback address)
                  GATEWAY_INSECURE_NO_AUTH    true to listen publicly without keys behind an authenticating proxy
                  GATEWAY_RATE_LIMIT          requests per second per API key: RATE or RATE,BURST, or off (default 50,100)
                  GATEWAY_RETENTION_DAYS      prune finished runs and idempotency keys older than this (default 90)
                  GATEWAY_TLS_CLIENT_CA       PEM CA bundle: with HTTPS, require client certificates it issued (mTLS)

                Signals: SIGTERM/SIGINT stop accepting, finish in-flight requests (up to 30 s) and exit 0.
                SIGHUP reloads the TLS certificate and key from their files (new connections get them; a bad
                pair is refused and the old one kept) and re-reads GATEWAY_API_KEYS (from --env-file when given).
                """
        case "migrate":
            return """
                Usage: pipeline-gateway migrate [--database sqlite:PATH] [--data DIR]

                Creates the database or brings it to this version's schema, then exits ('serve' does
                the same at start). Refuses a damaged file or one written by a newer gateway.
                """
        case "backup":
            return """
                Usage: pipeline-gateway backup --to FILE [--database sqlite:PATH] [--data DIR]

                Writes an online, consistent copy of the database to FILE (which must not exist), safe
                while the gateway runs. Restore by stopping the gateway and putting the copy in place.
                """
        case "check-config":
            return """
                Usage: pipeline-gateway check-config [serve options]

                Validates the configuration as 'serve' would, then gets a token and reads the workspace
                (or starts the built-in emulator when none is configured). Prints what it checked and, on
                failure, what to change. Exit status: 0 ok, 1 Azure ML unusable, 2 invalid configuration.
                """
        case "emulator":
            return """
                Usage: pipeline-gateway emulator [options]

                Runs the built-in Azure ML emulator alone: Azure AD / managed identity / IMDS token endpoints,
                the published-pipeline and pipeline-run operations on Azure's paths, and an admin API under
                /emulator/ (publish pipelines, set run status, inject faults, list calls). For testing SDK v1
                scripts and the gateway offline.

                Options:
                  --listen HOST:PORT    address to listen on (default 127.0.0.1:0: a free port, logged)
                  --data DIR            state folder (default ./data)
                  --run-seconds N       how long a run takes from NotStarted to Finished (default 10)
                  --public-url URL      base of every self-URL the emulator returns (default http:// + listen address)
                  --log-level LEVEL     debug, info, warning or error (default info)
                """
        default:
            return """
                pipeline-gateway \(GatewayVersion.current): schedules and triggers Azure Machine Learning published pipelines.

                Usage: pipeline-gateway <command> [options]

                Commands:
                  serve      run the gateway (see 'pipeline-gateway serve --help')
                  check-config  validate the configuration and credentials, then exit
                  migrate    create or upgrade the database, then exit
                  backup     copy the database online: backup --to FILE
                  emulator   run the built-in Azure ML emulator alone (see 'pipeline-gateway emulator --help')
                  import-schedules  import the workspace's SDK v1 schedules into a running gateway, take them over or give them back
                  apply      make a running gateway's schedules match a YAML/JSON file (see 'apply --help')
                  export     print a running gateway's schedules as a file apply takes back
                  version    print the version
                  --help     show this help
                """
        }
    }
}

extension LogLevel {
    /// The level name used on the command line and in logs.
    public var name: String { String(describing: self) }
}
