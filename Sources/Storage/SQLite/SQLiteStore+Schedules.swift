public import Foundation

extension SQLiteStore {
    static let scheduleColumns = """
        id, name, pipeline_id, status, definition, version, created_by, updated_by, created_at, updated_at, last_fire_at, \
        last_outcome, next_fire_at, pipeline_endpoint_id
        """

    /// What a schedule is read as: its row (alias `s`) and its newest fire record (alias `f`, found
    /// through the fires' primary key), which says when it last fired and how that went.
    static let scheduleSelection = """
        s.id, s.name, s.pipeline_id, s.status, s.definition, s.version, s.created_by, s.updated_by, s.created_at, s.updated_at, \
        s.last_fire_at, s.last_outcome, s.next_fire_at, s.pipeline_endpoint_id, f.scheduled_time, f.outcome, f.finished
        """
    static let scheduleSource = """
        schedules s LEFT JOIN schedule_fires f ON f.schedule_id = s.id \
        AND f.scheduled_time = (SELECT MAX(scheduled_time) FROM schedule_fires WHERE schedule_id = s.id)
        """
    static let scheduleSelectionCount: Int32 = 17

    public func insertSchedule(_ schedule: ScheduleRecord, seen: [SeenBlob]) async throws(StoreError) {
        try await write { connection throws(SQLiteError) in
            try connection.run(
                """
                INSERT INTO schedules (\(Self.scheduleColumns))
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                """,
                Self.values(schedule)
            )
            for blob in seen { try Self.upsertSeen(blob, scheduleID: schedule.id, on: connection) }
        }
    }

    public func seenBlobs(scheduleID: String) async throws(StoreError) -> [SeenBlob] {
        try await read { connection throws(SQLiteError) in
            try connection.rows(
                "SELECT blob_name, etag, last_modified FROM datastore_seen WHERE schedule_id = ?1 ORDER BY blob_name", [.text(scheduleID)]
            ) { row throws(SQLiteError) in
                SeenBlob(name: row.text(0), etag: row.text(1), lastModified: Date(storedMilliseconds: row.int64(2)))
            }
        }
    }

    public func replaceSeenBlobs(scheduleID: String, with blobs: [SeenBlob]) async throws(StoreError) {
        try await write { connection throws(SQLiteError) in
            try connection.run("DELETE FROM datastore_seen WHERE schedule_id = ?1", [.text(scheduleID)])
            for blob in blobs { try Self.upsertSeen(blob, scheduleID: scheduleID, on: connection) }
        }
    }

    public func recordFolderChanges(
        scheduleID: String, runs: [RunRecord], seen: [SeenBlob], forgotten: [String], polledAt: Date
    ) async throws(StoreError) -> [RunRecord]? {
        try await write { connection throws(SQLiteError) in
            let active = try connection.rows("SELECT 1 FROM schedules WHERE id = ?1 AND status = 'Active'", [.text(scheduleID)]) { _ in true }
            guard !active.isEmpty else { return nil }
            let versions = Dictionary(seen.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            var stored: [RunRecord] = []
            for run in runs {
                if let blob = run.triggerFile, let version = versions[blob],
                    try Self.seenVersion(blob, scheduleID: scheduleID, on: connection)?.isSameVersion(as: version) == true
                { continue }
                try Self.insertRunRow(run, on: connection)
                stored.append(run)
            }
            for blob in seen { try Self.upsertSeen(blob, scheduleID: scheduleID, on: connection) }
            for name in forgotten {
                try connection.run("DELETE FROM datastore_seen WHERE schedule_id = ?1 AND blob_name = ?2", [.text(scheduleID), .text(name)])
            }
            if !stored.isEmpty {
                try connection.run(
                    "UPDATE schedules SET last_fire_at = ?2, last_outcome = 'Submitting' WHERE id = ?1",
                    [.text(scheduleID), .integer(polledAt.storedMilliseconds)]
                )
            }
            return stored
        }
    }

    /// The version of `name` the schedule has seen, if any.
    private static func seenVersion(_ name: String, scheduleID: String, on connection: SQLiteConnection) throws(SQLiteError) -> SeenBlob? {
        try connection.rows(
            "SELECT blob_name, etag, last_modified FROM datastore_seen WHERE schedule_id = ?1 AND blob_name = ?2", [.text(scheduleID), .text(name)]
        ) { row throws(SQLiteError) in SeenBlob(name: row.text(0), etag: row.text(1), lastModified: Date(storedMilliseconds: row.int64(2))) }.first
    }

    private static func upsertSeen(_ blob: SeenBlob, scheduleID: String, on connection: SQLiteConnection) throws(SQLiteError) {
        try connection.run(
            """
            INSERT INTO datastore_seen (schedule_id, blob_name, etag, last_modified) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (schedule_id, blob_name) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified
            """,
            [.text(scheduleID), .text(blob.name), .text(blob.etag), .integer(blob.lastModified.storedMilliseconds)]
        )
    }

    public func schedule(id: String) async throws(StoreError) -> ScheduleRecord? {
        try await read { connection throws(SQLiteError) in
            try connection.rows("SELECT \(Self.scheduleSelection) FROM \(Self.scheduleSource) WHERE s.id = ?1", [.text(id)], Self.scheduleRecord).first
        }
    }

    public func schedules(
        activeOnly: Bool, pipelineID: String?, pipelineEndpointID: String?, limit: Int, cursor: Int64?
    ) async throws(StoreError) -> StoredPage<ScheduleRecord> {
        let limit = max(1, limit)
        return try await read { connection throws(SQLiteError) in
            let rows = try connection.rows(
                """
                SELECT \(Self.scheduleSelection), s.seq FROM \(Self.scheduleSource)
                WHERE (?1 = 0 OR s.status = 'Active') AND (?2 IS NULL OR s.pipeline_id = ?2) AND s.seq > ?3
                    AND (?5 IS NULL OR s.pipeline_endpoint_id = ?5)
                ORDER BY s.seq LIMIT ?4
                """,
                [
                    .integer(activeOnly ? 1 : 0), SQLiteValue(pipelineID), .integer(cursor ?? 0), .integer(Int64(limit) + 1),
                    SQLiteValue(pipelineEndpointID),
                ]
            ) { row throws(SQLiteError) in (Self.scheduleRecord(row), row.int64(Self.scheduleSelectionCount)) }
            let page = rows.prefix(limit)
            return StoredPage(items: page.map(\.0), nextCursor: rows.count > limit ? page.last?.1 : nil)
        }
    }

    public func activeSchedules() async throws(StoreError) -> [ScheduleRecord] {
        try await read { connection throws(SQLiteError) in
            try connection.rows(
                "SELECT \(Self.scheduleSelection) FROM \(Self.scheduleSource) WHERE s.status = 'Active' ORDER BY s.seq", [], Self.scheduleRecord)
        }
    }

    public func replaceSchedule(_ schedule: ScheduleRecord, expectedVersion: Int64) async throws(StoreError) -> ScheduleUpdateOutcome {
        try await write { connection throws(SQLiteError) in
            guard let current = try connection.rows(
                "SELECT \(Self.scheduleSelection) FROM \(Self.scheduleSource) WHERE s.id = ?1", [.text(schedule.id)], Self.scheduleRecord
            ).first else { return .notFound }
            guard current.version == expectedVersion else { return .stale(current: current) }
            var stored = schedule
            stored.version = expectedVersion + 1
            stored.createdAt = current.createdAt
            stored.createdBy = current.createdBy
            // When and how it last fired is the store's record of its fires, never the caller's.
            stored.lastFireAt = current.lastFireAt
            stored.lastOutcome = current.lastOutcome
            try connection.run(
                """
                UPDATE schedules SET name = ?2, pipeline_id = ?3, status = ?4, definition = ?5, version = ?6, created_by = ?7,
                    updated_by = ?8, created_at = ?9, updated_at = ?10, next_fire_at = ?13, pipeline_endpoint_id = ?14
                WHERE id = ?1
                """,
                Self.values(stored)
            )
            return .updated(stored)
        }
    }

    public func deleteSchedule(id: String) async throws(StoreError) -> Bool {
        try await write { connection throws(SQLiteError) in
            try connection.run("DELETE FROM schedules WHERE id = ?1", [.text(id)])
            return connection.changes > 0
        }
    }

    public func schedules(ids: [String]) async throws(StoreError) -> [ScheduleRecord] {
        guard !ids.isEmpty else { return [] }
        let list = "[" + ids.map(Self.jsonString).joined(separator: ",") + "]"
        return try await read { connection throws(SQLiteError) in
            try connection.rows(
                "SELECT \(Self.scheduleSelection) FROM \(Self.scheduleSource) WHERE s.id IN (SELECT value FROM json_each(?1))", [.text(list)],
                Self.scheduleRecord)
        }
    }

    public func claimFires(_ claims: [FireClaim]) async throws(StoreError) -> [FireClaimOutcome] {
        guard !claims.isEmpty else { return [] }
        return try await write { connection throws(SQLiteError) in
            var outcomes: [FireClaimOutcome] = []
            outcomes.reserveCapacity(claims.count)
            for claim in claims { outcomes.append(try Self.claim(claim.fire, run: claim.run, on: connection)) }
            return outcomes
        }
    }

    public func claimFire(_ fire: FireRecord, run: RunRecord) async throws(StoreError) -> FireClaimOutcome {
        try await write { connection throws(SQLiteError) in try Self.claim(fire, run: run, on: connection) }
    }

    private static func claim(_ fire: FireRecord, run: RunRecord, on connection: SQLiteConnection) throws(SQLiteError) -> FireClaimOutcome {
        if let existing = try Self.fire(connection, scheduleID: fire.scheduleID, scheduledTime: fire.scheduledTime) {
            return .alreadyFired(existing)
        }
        try connection.run(
            "INSERT INTO schedule_fires (schedule_id, scheduled_time, run_id, finished, claimed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            [
                .text(fire.scheduleID), .integer(fire.scheduledTime.storedMilliseconds), .text(fire.runID), SQLiteValue(fire.finished),
                .integer(fire.claimedAt.storedMilliseconds),
            ]
        )
        try Self.insertRunRow(run, on: connection)
        return .claimed
    }

    /// Not synced on its own: an occurrence left unfinished by a power loss is closed again at start
    /// from its run (`finishSettledFires`), so this write can ride on the next durable commit.
    public func finishFire(scheduleID: String, scheduledTime: Date, outcome: String) async throws(StoreError) {
        try await write(durable: false) { connection throws(SQLiteError) in
            try connection.run(
                "UPDATE schedule_fires SET finished = 1, outcome = ?3 WHERE schedule_id = ?1 AND scheduled_time = ?2",
                [.text(scheduleID), .integer(scheduledTime.storedMilliseconds), .text(outcome)]
            )
        }
    }

    public func unfinishedFires() async throws(StoreError) -> [FireRecord] {
        try await read { connection throws(SQLiteError) in
            try connection.rows(
                "SELECT schedule_id, scheduled_time, run_id, finished, claimed_at FROM schedule_fires WHERE finished = 0 ORDER BY claimed_at",
                [], Self.fireRecord
            )
        }
    }

    // MARK: Rows

    private static func values(_ schedule: ScheduleRecord) -> [SQLiteValue] {
        [
            .text(schedule.id), .text(schedule.name), .text(schedule.pipelineID), .text(schedule.status), .text(schedule.definition),
            .integer(schedule.version), SQLiteValue(schedule.createdBy), SQLiteValue(schedule.updatedBy),
            .integer(schedule.createdAt.storedMilliseconds), .integer(schedule.updatedAt.storedMilliseconds),
            SQLiteValue(schedule.lastFireAt?.storedMilliseconds), SQLiteValue(schedule.lastOutcome),
            SQLiteValue(schedule.nextFireAt?.storedMilliseconds), SQLiteValue(schedule.pipelineEndpointID),
        ]
    }

    /// A row of `scheduleSelection`. The last fire is the newer of the row's own (a change-based
    /// poll's, or one written before fire records kept outcomes) and the newest fire record's; a fire
    /// still in flight reads `Submitting`.
    static func scheduleRecord(_ row: SQLiteRow) -> ScheduleRecord {
        var lastFireAt = row.optionalInt64(10)
        var lastOutcome = row.optionalText(11)
        if let fired = row.optionalInt64(14), fired >= (lastFireAt ?? .min) {
            let sameFire = fired == lastFireAt
            lastFireAt = fired
            if let outcome = row.optionalText(15) {
                lastOutcome = outcome
            } else if row.optionalInt64(16) == 0 {
                lastOutcome = "Submitting"
            } else if !sameFire {
                lastOutcome = nil
            }
        }
        return ScheduleRecord(
            id: row.text(0), name: row.text(1), pipelineID: row.text(2), status: row.text(3), definition: row.text(4), version: row.int64(5),
            createdBy: row.optionalText(6), updatedBy: row.optionalText(7), createdAt: Date(storedMilliseconds: row.int64(8)),
            updatedAt: Date(storedMilliseconds: row.int64(9)), lastFireAt: lastFireAt.map(Date.init(storedMilliseconds:)),
            lastOutcome: lastOutcome, nextFireAt: row.optionalInt64(12).map(Date.init(storedMilliseconds:)),
            pipelineEndpointID: row.optionalText(13)
        )
    }

    private static func fireRecord(_ row: SQLiteRow) -> FireRecord {
        FireRecord(
            scheduleID: row.text(0), scheduledTime: Date(storedMilliseconds: row.int64(1)), runID: row.text(2), finished: row.int64(3) != 0,
            claimedAt: Date(storedMilliseconds: row.int64(4)))
    }

    private static func fire(_ connection: SQLiteConnection, scheduleID: String, scheduledTime: Date) throws(SQLiteError) -> FireRecord? {
        try connection.rows(
            "SELECT schedule_id, scheduled_time, run_id, finished, claimed_at FROM schedule_fires WHERE schedule_id = ?1 AND scheduled_time = ?2",
            [.text(scheduleID), .integer(scheduledTime.storedMilliseconds)], fireRecord
        ).first
    }
}
