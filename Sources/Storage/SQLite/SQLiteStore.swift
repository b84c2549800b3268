import CSQLite
public import Foundation

/// The embedded store: one SQLite file in WAL mode, one writer thread with group commit, one reader
/// thread, so reads never wait behind a commit's fsync.
///
/// Opening checks the file before trusting it (a damaged file or a foreign one is refused with a
/// clear reason, never overwritten) and migrates it to the latest schema.
public final class SQLiteStore: Store {
    public let path: String
    /// The migration versions applied while opening (empty when the file was current).
    public let appliedMigrations: [Int]
    private let writer: DatabaseWorker
    private let reader: DatabaseWorker
    private let checkpointer: WALCheckpointer?

    /// Opens or creates the database at `path`, checks it and migrates it; blocks the calling thread.
    public init(path: String, options: SQLiteStoreOptions = SQLiteStoreOptions()) throws(StoreError) {
        self.path = path
        if path != ":memory:" {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }
        let writeConnection: SQLiteConnection
        let readConnection: SQLiteConnection
        var checkpointConnection: SQLiteConnection?
        let applied: [Int]
        do {
            writeConnection = try SQLiteConnection(path: path)
            writeConnection.setBusyTimeout(milliseconds: options.busyTimeoutMilliseconds)
            try Self.checkIntegrity(writeConnection)
            let mode = try writeConnection.rows("PRAGMA journal_mode = WAL") { $0.text(0) }.first ?? ""
            if mode.lowercased() != "wal" && path != ":memory:" {
                throw StoreError.failure("the database could not switch to WAL mode (got \(mode))")
            }
            try writeConnection.execute("PRAGMA synchronous = \(options.synchronous.rawValue); PRAGMA foreign_keys = ON")
            applied = try Migrator.migrate(writeConnection)
            readConnection = try SQLiteConnection(path: path)
            readConnection.setBusyTimeout(milliseconds: options.busyTimeoutMilliseconds)
            try readConnection.execute("PRAGMA query_only = ON")
            if path != ":memory:" {
                // Checkpoints move to their own thread (see WALCheckpointer), off the commit path.
                try writeConnection.execute("PRAGMA wal_autocheckpoint = 0")
                let connection = try SQLiteConnection(path: path)
                connection.setBusyTimeout(milliseconds: options.busyTimeoutMilliseconds)
                checkpointConnection = connection
            }
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw Self.storeError(error, path: path)
        } catch {
            throw StoreError.failure("\(error)")
        }
        appliedMigrations = applied
        let writer = DatabaseWorker(
            name: "store-writer", connection: writeConnection, mode: .groupCommit, durableSynchronous: options.synchronous.rawValue)
        self.writer = writer
        reader = DatabaseWorker(name: "store-reader", connection: readConnection, mode: .serial)
        checkpointer = checkpointConnection.map { WALCheckpointer(connection: $0, writerIdleFor: { writer.idleFor }) }
    }

    /// The schema version this build writes.
    public static var schemaVersion: Int { SchemaHistory.latestVersion }

    public func close() {
        writer.stop()
        reader.stop()
        checkpointer?.stop()
    }

    // MARK: Runs

    public func insertRun(_ run: RunRecord, idempotency: IdempotencyRecord?) async throws(StoreError) -> RunInsertOutcome {
        try await write { connection throws(SQLiteError) in
            if let claim = idempotency {
                if let existing = try Self.idempotency(connection, scope: claim.scope, key: claim.key) {
                    return .duplicate(existing)
                }
                try connection.run(
                    """
                    INSERT INTO idempotency_keys (scope, key, fingerprint, run_id, response_status, response_body, created_at)
                    VALUES (?1, ?2, ?3, ?4, NULL, NULL, ?5)
                    """,
                    [.text(claim.scope), .text(claim.key), .blob(claim.fingerprint), .text(run.id), .integer(claim.createdAt.storedMilliseconds)]
                )
            }
            try Self.insertRunRow(run, on: connection)
            return .inserted
        }
    }

    public func updateRun(id: String, _ change: RunChange, durable: Bool) async throws(StoreError) -> RunRecord? {
        try await applyRunChange(id: id, change, onlyIfStatus: nil, durable: durable)
    }

    public func transitionRun(id: String, from status: String, _ change: RunChange) async throws(StoreError) -> RunRecord? {
        try await applyRunChange(id: id, change, onlyIfStatus: status, durable: true)
    }

    private func applyRunChange(id: String, _ change: RunChange, onlyIfStatus expected: String?, durable: Bool) async throws(StoreError) -> RunRecord? {
        try await write(durable: durable) { connection throws(SQLiteError) in
            let refresh: SQLiteValue
            let keepRefresh: Int64
            switch change.nextRefreshAt {
            case .none:
                refresh = .null
                keepRefresh = 1
            case .some(let date):
                refresh = SQLiteValue(date?.storedMilliseconds)
                keepRefresh = 0
            }
            try connection.run(
                """
                UPDATE runs SET status = COALESCE(?2, status), azure_run_id = COALESCE(?3, azure_run_id),
                    error = COALESCE(?4, error), next_refresh_at = CASE WHEN ?6 = 1 THEN next_refresh_at ELSE ?5 END,
                    updated_at = ?7, pipeline_id = COALESCE(?9, pipeline_id)
                WHERE id = ?1 AND (?8 IS NULL OR status = ?8)
                """,
                [
                    .text(id), SQLiteValue(change.status), SQLiteValue(change.azureRunID), SQLiteValue(change.error), refresh,
                    .integer(keepRefresh), .integer(change.updatedAt.storedMilliseconds), SQLiteValue(expected), SQLiteValue(change.pipelineID),
                ]
            )
            guard connection.changes > 0 else { return nil }
            return try connection.rows("SELECT \(Self.runColumns) FROM runs WHERE id = ?1", [.text(id)], Self.runRecord).first
        }
    }

    public func run(id: String) async throws(StoreError) -> RunRecord? {
        try await read { connection throws(SQLiteError) in
            try connection.rows("SELECT \(Self.runColumns) FROM runs WHERE id = ?1", [.text(id)], Self.runRecord).first
        }
    }

    public func runs(_ filter: RunFilter, limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<RunRecord> {
        let limit = max(1, limit)
        return try await read { connection throws(SQLiteError) in
            // NULL filters match everything; the statement text stays fixed so it is prepared once.
            let rows = try connection.rows(
                """
                SELECT \(Self.runColumns), seq FROM runs
                WHERE (?1 IS NULL OR pipeline_id = ?1) AND (?2 IS NULL OR schedule_id = ?2) AND (?3 IS NULL OR source = ?3)
                    AND (?4 IS NULL OR status = ?4) AND (?7 IS NULL OR pipeline_endpoint_id = ?7) AND seq < ?5
                ORDER BY seq DESC LIMIT ?6
                """,
                [
                    SQLiteValue(filter.pipelineID), SQLiteValue(filter.scheduleID), SQLiteValue(filter.source), SQLiteValue(filter.status),
                    .integer(cursor ?? Int64.max), .integer(Int64(limit) + 1), SQLiteValue(filter.pipelineEndpointID),
                ]
            ) { row throws(SQLiteError) in (Self.runRecord(row), row.int64(Self.runColumnCount)) }
            let page = rows.prefix(limit)
            let next = rows.count > limit ? page.last?.1 : nil
            return StoredPage(items: page.map(\.0), nextCursor: next)
        }
    }

    public func runsDueForRefresh(at date: Date, limit: Int) async throws(StoreError) -> [RunRecord] {
        try await read { connection throws(SQLiteError) in
            try connection.rows(
                "SELECT \(Self.runColumns) FROM runs WHERE next_refresh_at IS NOT NULL AND next_refresh_at <= ?1 ORDER BY next_refresh_at LIMIT ?2",
                [.integer(date.storedMilliseconds), .integer(Int64(max(1, limit)))], Self.runRecord
            )
        }
    }

    public func runsAwaitingSubmission() async throws(StoreError) -> [RunRecord] {
        try await read { connection throws(SQLiteError) in
            try connection.rows("SELECT \(Self.runColumns) FROM runs WHERE status = 'Submitting' ORDER BY seq", [], Self.runRecord)
        }
    }

    public func oldestRuns(status: String, limit: Int) async throws(StoreError) -> [RunRecord] {
        try await read { connection throws(SQLiteError) in
            try connection.rows(
                "SELECT \(Self.runColumns) FROM runs WHERE status = ?1 ORDER BY seq LIMIT ?2",
                [.text(status), .integer(Int64(max(1, limit)))], Self.runRecord
            )
        }
    }

    public func countRuns(scheduleID: String, status: StatusMatch) async throws(StoreError) -> Int {
        let (negate, statuses): (Int64, [String]) = switch status {
        case .anyOf(let list): (0, list)
        case .noneOf(let list): (1, list)
        }
        // The list travels as one JSON array parameter, so the statement text (and its prepared form) stays fixed.
        let list = "[" + statuses.map(Self.jsonString).joined(separator: ",") + "]"
        return try await read { connection throws(SQLiteError) in
            let counts = try connection.rows(
                "SELECT count(*) FROM runs WHERE schedule_id = ?1 AND (status IN (SELECT value FROM json_each(?2))) <> ?3",
                [.text(scheduleID), .text(list), .integer(negate)]
            ) { row throws(SQLiteError) in row.int64(0) }
            return Int(counts.first ?? 0)
        }
    }

    /// A JSON string literal for `text` (statuses are short names; escaping keeps any text safe).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Idempotency keys

    public func idempotencyRecord(scope: String, key: String) async throws(StoreError) -> IdempotencyRecord? {
        try await read { connection throws(SQLiteError) in try Self.idempotency(connection, scope: scope, key: key) }
    }

    public func answerIdempotency(scope: String, key: String, status: Int, body: [UInt8]) async throws(StoreError) {
        // Not synced: a lost answer is rebuilt from the run the key points at.
        try await write(durable: false) { connection throws(SQLiteError) in
            try connection.run(
                "UPDATE idempotency_keys SET response_status = ?3, response_body = ?4 WHERE scope = ?1 AND key = ?2",
                [.text(scope), .text(key), .integer(Int64(status)), .blob(body)]
            )
        }
    }

    // MARK: Maintenance

    public func prune(finishedRunsBefore runsBefore: Date, keysBefore: Date) async throws(StoreError) -> PruneResult {
        try await write { connection throws(SQLiteError) in
            // Final runs have no refresh time and are neither awaiting submission nor waiting for a slot.
            try connection.run(
                "DELETE FROM runs WHERE next_refresh_at IS NULL AND status NOT IN ('Submitting', 'Waiting') AND updated_at < ?1",
                [.integer(runsBefore.storedMilliseconds)]
            )
            let runs = connection.changes
            try connection.run("DELETE FROM webhook_deliveries WHERE received_at < ?1", [.integer(runsBefore.storedMilliseconds)])
            let deliveries = connection.changes
            try connection.run("DELETE FROM idempotency_keys WHERE created_at < ?1", [.integer(keysBefore.storedMilliseconds)])
            return PruneResult(runs: runs, idempotencyKeys: connection.changes, deliveries: deliveries)
        }
    }

    public func backup(to destination: String) async throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw .failure("\(destination) already exists; backup never overwrites a file")
        }
        try await read { connection throws(SQLiteError) in try connection.backup(to: destination) }
    }

    public func checkWritable() async throws(StoreError) {
        try await write { connection throws(SQLiteError) in
            try connection.run(
                "INSERT INTO store_probe (id, touched_at) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET touched_at = excluded.touched_at",
                [.integer(Date().storedMilliseconds)]
            )
        }
    }

    // MARK: Plumbing

    func write<T: Sendable>(
        durable: Bool = true, _ body: @escaping @Sendable (SQLiteConnection) throws(SQLiteError) -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.perform(durable: durable, body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws(SQLiteError) -> T) async throws(StoreError) -> T {
        do {
            return try await reader.perform(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// The INSERT of a run row, shared by API triggers and scheduler fires.
    static func insertRunRow(_ run: RunRecord, on connection: SQLiteConnection) throws(SQLiteError) {
        try connection.run(
            """
            INSERT INTO runs (id, pipeline_id, experiment_name, source, pipeline_endpoint_id, pipeline_version, schedule_id,
                scheduled_time, trigger_file, webhook_id, delivery_id, azure_run_id, status, parameter_assignments,
                data_path_assignments, continue_on_step_failure, submission, created_at, updated_at, error, next_refresh_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
            """,
            [
                .text(run.id), .text(run.pipelineID), .text(run.experimentName), .text(run.source), SQLiteValue(run.pipelineEndpointID),
                SQLiteValue(run.pipelineVersion), SQLiteValue(run.scheduleID), SQLiteValue(run.scheduledTime?.storedMilliseconds),
                SQLiteValue(run.triggerFile), SQLiteValue(run.webhookID), SQLiteValue(run.deliveryID), SQLiteValue(run.azureRunID),
                .text(run.status), .text(run.parameterAssignments), .text(run.dataPathAssignments),
                SQLiteValue(run.continueOnStepFailure), .blob(run.submission), .integer(run.createdAt.storedMilliseconds),
                .integer(run.updatedAt.storedMilliseconds), SQLiteValue(run.error), SQLiteValue(run.nextRefreshAt?.storedMilliseconds),
            ]
        )
    }

    static func storeError(_ error: SQLiteError, path: String) -> StoreError {
        if error.isCorrupt { return .corrupt(path: path, detail: error.message) }
        if error.isBusy { return .locked(path: path) }
        if error.code == SQLITE_MISUSE && error.message == "the store is closed" { return .closed }
        return .failure(error.description)
    }

    /// Refuses a damaged or foreign file before anything writes to it.
    private static func checkIntegrity(_ connection: SQLiteConnection) throws(StoreError) {
        let verdict: [String]
        do {
            verdict = try connection.rows("PRAGMA quick_check") { $0.text(0) }
        } catch {
            throw storeError(error, path: connection.path)
        }
        guard verdict == ["ok"] else {
            throw .corrupt(path: connection.path, detail: verdict.prefix(3).joined(separator: "; "))
        }
    }

    private static func idempotency(_ connection: SQLiteConnection, scope: String, key: String) throws(SQLiteError) -> IdempotencyRecord? {
        try connection.rows(
            "SELECT scope, key, fingerprint, run_id, response_status, response_body, created_at FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
            [.text(scope), .text(key)]
        ) { row in
            IdempotencyRecord(
                scope: row.text(0), key: row.text(1), fingerprint: row.blob(2), runID: row.text(3),
                responseStatus: row.optionalInt64(4).map(Int.init), responseBody: row.isNull(5) ? nil : row.blob(5),
                createdAt: Date(storedMilliseconds: row.int64(6))
            )
        }.first
    }

    static let runColumns = """
        id, pipeline_id, experiment_name, source, pipeline_endpoint_id, pipeline_version, schedule_id, scheduled_time, \
        trigger_file, webhook_id, delivery_id, azure_run_id, status, parameter_assignments, data_path_assignments, \
        continue_on_step_failure, submission, created_at, updated_at, error, next_refresh_at
        """
    static let runColumnCount: Int32 = 21

    static func runRecord(_ row: SQLiteRow) -> RunRecord {
        RunRecord(
            id: row.text(0), pipelineID: row.text(1), experimentName: row.text(2), source: row.text(3),
            pipelineEndpointID: row.optionalText(4), pipelineVersion: row.optionalText(5), scheduleID: row.optionalText(6),
            scheduledTime: row.optionalInt64(7).map(Date.init(storedMilliseconds:)), triggerFile: row.optionalText(8),
            webhookID: row.optionalText(9), deliveryID: row.optionalText(10), azureRunID: row.optionalText(11), status: row.text(12),
            parameterAssignments: row.text(13), dataPathAssignments: row.text(14), continueOnStepFailure: row.optionalBool(15),
            submission: row.blob(16), createdAt: Date(storedMilliseconds: row.int64(17)), updatedAt: Date(storedMilliseconds: row.int64(18)),
            error: row.optionalText(19), nextRefreshAt: row.optionalInt64(20).map(Date.init(storedMilliseconds:))
        )
    }
}

extension Date {
    /// Whole milliseconds since 1970: exact in an INTEGER column and sortable.
    var storedMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(storedMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storedMilliseconds) / 1000)
    }
}
