public import HTTPServer
public import Observability
public import Storage

/// The gateway's settings, from the environment with command-line flags on top (DESIGN.md
/// "Running and configuration"). Every problem is collected so `serve` and `check-config` report
/// them all at once instead of one per attempt.
public struct GatewayConfiguration: Sendable {
    public var listen: SocketAddress
    public var publicURL: String
    public var logLevel: LogLevel
    public var apiKeysConfigured: Bool { !apiKeys.isEmpty }
    /// The keys of `GATEWAY_API_KEYS`; empty means no authentication (loopback only).
    public var apiKeys: APIKeyRing
    public var insecureNoAuth: Bool
    /// I/O threads; nil = one per core.
    public var eventLoops: Int?
    /// Azure ML: a workspace, or the built-in emulator when none is configured.
    public var backend: BackendConfiguration
    /// Where local state lives (the emulator's blob folders, the default database).
    public var dataDirectory: String
    /// The store: `GATEWAY_DATABASE` / `--database`, default `sqlite:{data}/gateway.sqlite3`.
    public var database: DatabaseSetting
    /// Finished runs and idempotency keys older than this are pruned (`GATEWAY_RETENTION_DAYS`, default 90).
    public var retentionDays: Int
    /// Per-API-key request rate (`GATEWAY_RATE_LIMIT`, default 50/s, burst 100).
    public var rateLimit: RateLimitSetting
    /// `GATEWAY_SQLITE_SYNCHRONOUS`: `full` (default) syncs every acknowledged run to disk, so it
    /// survives a power loss; `normal` survives a crash of the process only, for more throughput.
    public var sqliteSynchronous: SQLiteStoreOptions.Synchronous = .full
    /// `GATEWAY_CA_BUNDLE`: extra CA certificates (PEM) for outbound https, on top of the system's.
    public var caBundlePath: String? = nil
    /// A faster scheduler clock for tests (`--clock-scale`, only with `GATEWAY_TESTING=1`); nil = the wall clock.
    public var testClock: TestClockSetting? = nil
    /// HTTPS (`GATEWAY_TLS_CERT` / `GATEWAY_TLS_KEY`, optional `GATEWAY_TLS_CLIENT_CA`); nil serves HTTP.
    public var tls: TLSConfiguration? = nil
    /// `GATEWAY_EVENTGRID_SECRET`: the `?code=` Event Grid must send to `/v1/eventgrid/blob-events`;
    /// nil keeps that route off (404). Never logged.
    public var eventGridSecret: String? = nil

    public static let defaultListen = "127.0.0.1:8080"

    /// Reads `GATEWAY_*` variables from `environment`, then applies `flags` (`--listen` …).
    public static func load(environment: [String: String], flags: [String: String]) throws(ConfigurationError) -> GatewayConfiguration {
        var problems: [ConfigurationError.Problem] = []
        let listenText = flags["listen"] ?? environment["GATEWAY_LISTEN"] ?? defaultListen
        let listenSource = flags["listen"] != nil ? "--listen" : (environment["GATEWAY_LISTEN"] != nil ? "GATEWAY_LISTEN" : "default")
        var listen = try? SocketAddress(parsing: defaultListen)
        do {
            listen = try SocketAddress(parsing: listenText)
        } catch {
            problems.append(.init(setting: listenSource, message: error.description))
        }
        let levelText = flags["log-level"] ?? environment["GATEWAY_LOG_LEVEL"] ?? "info"
        let level = LogLevel(name: levelText)
        if level == nil {
            problems.append(.init(setting: flags["log-level"] != nil ? "--log-level" : "GATEWAY_LOG_LEVEL",
                                  message: "'\(levelText)' is not a log level; use debug, info, warning or error"))
        }
        var eventLoops: Int?
        if let text = flags["event-loops"] ?? environment["GATEWAY_EVENT_LOOPS"] {
            if let n = Int(text), (1...256).contains(n) {
                eventLoops = n
            } else {
                problems.append(.init(setting: flags["event-loops"] != nil ? "--event-loops" : "GATEWAY_EVENT_LOOPS",
                                      message: "'\(text)' must be a whole number from 1 to 256"))
            }
        }
        let (ring, keyProblems) = APIKeyRing.parse(environment["GATEWAY_API_KEYS"] ?? "", setting: "GATEWAY_API_KEYS")
        problems += keyProblems
        let insecureText = environment["GATEWAY_INSECURE_NO_AUTH"] ?? "false"
        let insecure = insecureText.lowercased() == "true"
        if !["true", "false", ""].contains(insecureText.lowercased()) {
            problems.append(.init(setting: "GATEWAY_INSECURE_NO_AUTH", message: "'\(insecureText)' must be true or false"))
        }
        if let address = listen, !address.isLoopback, ring.isEmpty, !insecure {
            problems.append(.init(
                setting: listenSource,
                message: "listening on \(address) (reachable from other machines) needs GATEWAY_API_KEYS "
                    + "(name:role:secret,…); or set GATEWAY_INSECURE_NO_AUTH=true when a trusted proxy authenticates"))
        }
        let dataDirectory = flags["data"] ?? environment["GATEWAY_DATA_DIR"] ?? "./data"
        let backend = BackendConfiguration.load(environment: environment, dataDirectory: dataDirectory, problems: &problems)
        let databaseSource = flags["database"] != nil ? "--database" : "GATEWAY_DATABASE"
        let databaseText = flags["database"] ?? environment["GATEWAY_DATABASE"] ?? "sqlite:\(dataDirectory)/gateway.sqlite3"
        var database: DatabaseSetting?
        switch DatabaseSetting.parse(databaseText, setting: databaseSource) {
        case .success(let parsed): database = parsed
        case .failure(let problem): problems.append(problem)
        }
        var retentionDays = 90
        if let text = environment["GATEWAY_RETENTION_DAYS"] {
            if let days = Int(text), (1...36_500).contains(days) {
                retentionDays = days
            } else {
                problems.append(.init(setting: "GATEWAY_RETENTION_DAYS", message: "'\(text)' must be a whole number of days from 1 to 36500"))
            }
        }
        var rateLimit = RateLimitSetting.standard
        if let text = environment["GATEWAY_RATE_LIMIT"] {
            switch RateLimitSetting.parse(text, setting: "GATEWAY_RATE_LIMIT") {
            case .success(let parsed): rateLimit = parsed
            case .failure(let problem): problems.append(problem)
            }
        }
        let caBundlePath = CABundleSetting.load(environment: environment, problems: &problems)
        let tls = TLSSetting.load(environment: environment, flags: flags, problems: &problems)
        var sqliteSynchronous = SQLiteStoreOptions.Synchronous.full
        if let text = environment["GATEWAY_SQLITE_SYNCHRONOUS"] {
            switch text.lowercased() {
            case "full": sqliteSynchronous = .full
            case "normal": sqliteSynchronous = .normal
            default: problems.append(.init(setting: "GATEWAY_SQLITE_SYNCHRONOUS", message: "'\(text)' must be full or normal"))
            }
        }
        let testClock = TestClockSetting.load(environment: environment, flags: flags, problems: &problems)
        var eventGridSecret: String?
        if let text = environment["GATEWAY_EVENTGRID_SECRET"], !text.isEmpty {
            // Sent by Event Grid in the URL: long enough not to be guessed, and URL-safe as written.
            if text.utf8.count >= 16, text.utf8.count <= 256,
                text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D || $0 == 0x5F })
            {
                eventGridSecret = text
            } else {
                problems.append(.init(setting: "GATEWAY_EVENTGRID_SECRET", message: "must be 16 to 256 characters of A-Z, a-z, 0-9, '-' or '_'"))
            }
        }
        guard problems.isEmpty, let listen, let level, let database else { throw ConfigurationError(problems: problems) }
        let publicURL = flags["public-url"] ?? environment["GATEWAY_PUBLIC_URL"] ?? "\(tls == nil ? "http" : "https")://\(listen)"
        return GatewayConfiguration(
            listen: listen, publicURL: publicURL, logLevel: level, apiKeys: ring, insecureNoAuth: insecure,
            eventLoops: eventLoops, backend: backend, dataDirectory: dataDirectory, database: database, retentionDays: retentionDays,
            rateLimit: rateLimit, sqliteSynchronous: sqliteSynchronous, caBundlePath: caBundlePath, testClock: testClock,
            tls: tls, eventGridSecret: eventGridSecret)
    }
}
