import CSQLite

/// A failed SQLite call, with the library's own code and message and the statement it came from.
///
/// Kept apart from `StoreError` so the SQLite layer stays a thin wrapper; the store decides what a
/// code means to its callers (busy, corrupt, full disk…).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`…).
    public var code: Int32
    /// The extended result code, when SQLite gave one.
    public var extendedCode: Int32
    public var message: String
    /// The SQL text involved, for logs; it never carries bound values.
    public var sql: String?

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    init(connection: OpaquePointer?, code: Int32, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0).map { String(cString: $0) } } ?? String(cString: sqlite3_errstr(code))
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        self.init(code: code & 0xFF, extendedCode: extended, message: message, sql: sql)
    }

    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    public var isCorrupt: Bool { code == SQLITE_CORRUPT || code == SQLITE_NOTADB }
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }

    public var description: String {
        if let sql { return "SQLite error \(extendedCode): \(message) (in \(sql))" }
        return "SQLite error \(extendedCode): \(message)"
    }
}
