/// Where the gateway keeps its state (`GATEWAY_DATABASE` / `--database`).
public enum DatabaseSetting: Sendable, Equatable {
    /// `sqlite:PATH`: the embedded default.
    case sqlite(path: String)

    /// Parses `sqlite:PATH` (a bare path is taken as SQLite too). `postgres://…` is recognised but
    /// refused until replicas on Postgres land, so a misconfiguration is not silently run on SQLite.
    static func parse(_ text: String, setting: String) -> Result<DatabaseSetting, ConfigurationError.Problem> {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            return .failure(.init(setting: setting, message: "PostgreSQL is not supported by this build yet; use sqlite:PATH"))
        }
        let path = text.hasPrefix("sqlite:") ? String(text.dropFirst("sqlite:".count)) : text
        guard !path.isEmpty else {
            return .failure(.init(setting: setting, message: "'\(text)' names no file; use sqlite:PATH, e.g. sqlite:./data/gateway.sqlite3"))
        }
        return .success(.sqlite(path: path))
    }
}
