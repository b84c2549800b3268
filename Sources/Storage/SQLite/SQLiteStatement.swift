import CSQLite

/// A prepared statement, confined to the thread of its connection.
///
/// Statements are prepared once and reused (`SQLiteConnection.cached`): parsing SQL costs more than
/// running the small statements the ledger needs. `run` resets the statement before binding, so a
/// statement left mid-iteration by a thrown error cannot poison the next use.
public final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String
    private unowned let connection: SQLiteConnection

    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(connection: connection.handle, code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to `?1…?n` after clearing what the last use left.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .real(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(let text):
                code = text.withCString { chars in
                    csqlite_bind_text(handle, index, chars, Int32(text.utf8.count))
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { raw in
                    // A zero-length blob must still be a blob, not NULL: SQLite needs a non-null pointer.
                    csqlite_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count))
                }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    /// Advances to the next row; false when the statement is done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let failure = error(code)
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Runs a query and maps each row.
    public func rows<T>(_ values: [SQLiteValue] = [], _ map: (SQLiteRow) throws(SQLiteError) -> T) throws(SQLiteError) -> [T] {
        try bind(values)
        var result: [T] = []
        while try step() {
            result.append(try map(SQLiteRow(statement: self)))
        }
        sqlite3_reset(handle)
        return result
    }

    private func error(_ code: Int32) -> SQLiteError {
        SQLiteError(connection: connection.handle, code: code, sql: sql)
    }
}

/// The current row of a statement; valid only inside the `rows` closure.
public struct SQLiteRow {
    let statement: SQLiteStatement

    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement.handle, column) == SQLITE_NULL
    }

    public func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement.handle, column)
    }

    public func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    public func double(_ column: Int32) -> Double {
        sqlite3_column_double(statement.handle, column)
    }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement.handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    public func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement.handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    public func optionalBool(_ column: Int32) -> Bool? {
        isNull(column) ? nil : int64(column) != 0
    }
}
