import CSQLite

/// One open SQLite database handle, used from one thread at a time.
///
/// Thin on purpose (GRDB's habit): SQL stays visible at the call site, values go through
/// `SQLiteValue`, and every failing call throws the library's code and message. Thread confinement is
/// the caller's job — `DatabaseWorker` gives each connection its own thread.
public final class SQLiteConnection {
    let handle: OpaquePointer
    public let path: String
    private var statements: [String: SQLiteStatement] = [:]
    private var isClosed = false

    /// Opens (creating when `create`) the database file at `path`; `":memory:"` works for tests.
    public init(path: String, readOnly: Bool = false, create: Bool = true) throws(SQLiteError) {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(connection: connection, code: code)
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
        self.path = path
        sqlite3_extended_result_codes(connection, 1)
    }

    deinit {
        close()
    }

    /// Finalizes the cached statements and closes the handle; later calls fail with SQLITE_MISUSE.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without parameters (schema, pragmas).
    public func execute(_ sql: String) throws(SQLiteError) {
        guard !isClosed else { throw SQLiteError(code: SQLITE_MISUSE, message: "the connection is closed", sql: sql) }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteError(code: code & 0xFF, extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// The prepared statement for `sql`, prepared on first use and kept for the connection's life.
    public func cached(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        guard !isClosed else { throw SQLiteError(code: SQLITE_MISUSE, message: "the connection is closed", sql: sql) }
        if let statement = statements[sql] { return statement }
        let statement = try SQLiteStatement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `sql` once with `values`.
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) {
        try cached(sql).run(values)
    }

    /// Maps every row of a query.
    public func rows<T>(_ sql: String, _ values: [SQLiteValue] = [], _ map: (SQLiteRow) throws(SQLiteError) -> T) throws(SQLiteError) -> [T] {
        try cached(sql).rows(values, map)
    }

    /// The single integer a query like `PRAGMA user_version` answers with.
    public func scalarInt(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int64? {
        try rows(sql, values) { row in row.optionalInt64(0) }.first ?? nil
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    public var changes: Int {
        Int(sqlite3_changes(handle))
    }

    /// Milliseconds SQLite retries a locked database before answering busy.
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so two writers fail fast with busy instead of
    /// deadlocking halfway through.
    public func transaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Copies the whole database into a new file at `destination` with SQLite's online backup API:
    /// consistent even while other connections write.
    public func backup(to destination: String) throws(SQLiteError) {
        let target = try SQLiteConnection(path: destination)
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw SQLiteError(connection: target.handle, code: sqlite3_errcode(target.handle))
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, 256)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        let finish = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finish == SQLITE_OK else {
            throw SQLiteError(connection: target.handle, code: code == SQLITE_DONE ? finish : code)
        }
    }
}
