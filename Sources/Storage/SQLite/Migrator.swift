/// Brings a database to the latest schema version, one transaction per step.
enum Migrator {
    /// Applies the pending migrations and returns the versions it applied.
    ///
    /// A database from a newer gateway is refused rather than "upgraded" backwards.
    static func migrate(_ connection: SQLiteConnection, history: [Migration] = SchemaHistory.migrations) throws(StoreError) -> [Int] {
        let current: Int
        do {
            current = Int(try connection.scalarInt("PRAGMA user_version") ?? 0)
        } catch {
            throw SQLiteStore.storeError(error, path: connection.path)
        }
        let latest = history.last?.version ?? 0
        guard current <= latest else {
            throw .newerSchema(path: connection.path, found: current, supported: latest)
        }
        var applied: [Int] = []
        for step in history where step.version > current {
            do {
                try connection.transaction { () throws(SQLiteError) in
                    try connection.execute(step.sql)
                    try connection.execute("PRAGMA user_version = \(step.version)")
                }
            } catch {
                if error.isBusy { throw .locked(path: connection.path) }
                if error.isCorrupt { throw SQLiteStore.storeError(error, path: connection.path) }
                throw .migrationFailed(version: step.version, detail: error.message)
            }
            applied.append(step.version)
        }
        return applied
    }

    /// The version a database is at, without changing it.
    static func version(of connection: SQLiteConnection) throws(StoreError) -> Int {
        do {
            return Int(try connection.scalarInt("PRAGMA user_version") ?? 0)
        } catch {
            throw SQLiteStore.storeError(error, path: connection.path)
        }
    }
}
