/// Why the store could not do what was asked, in words an operator can act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file is not a database or is damaged; nothing was changed.
    case corrupt(path: String, detail: String)
    /// Another process holds the database's write lock past the busy timeout.
    case locked(path: String)
    /// The file was written by a newer gateway; this one refuses to guess at its schema.
    case newerSchema(path: String, found: Int, supported: Int)
    /// A migration step failed; the database stays at the previous version.
    case migrationFailed(version: Int, detail: String)
    /// The store is closed (shutting down).
    case closed
    /// Anything else SQLite (or the server) reported.
    case failure(String)

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            "the database \(path) is damaged or not a gateway database (\(detail)); restore it from a backup (`pipeline-gateway backup`) or move it away to start empty"
        case .locked(let path):
            "the database \(path) is locked by another process; stop the other gateway using it, or give this one its own --database"
        case .newerSchema(let path, let found, let supported):
            "the database \(path) has schema version \(found), newer than this gateway's \(supported); run the newer gateway or restore a backup"
        case .migrationFailed(let version, let detail):
            "migration to schema version \(version) failed: \(detail)"
        case .closed:
            "the store is closed"
        case .failure(let detail):
            "database error: \(detail)"
        }
    }
}
