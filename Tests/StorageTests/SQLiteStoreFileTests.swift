import CSQLite
import Foundation
@testable import Storage
import Testing

@Suite("SQLiteStore: the database file")
struct SQLiteStoreFileTests {
    @Test("a new file is migrated to the latest version; reopening applies nothing")
    func migrates() throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let first = try SQLiteStore(path: database.path)
        #expect(first.appliedMigrations == SchemaHistory.migrations.map(\.version))
        first.close()
        let second = try SQLiteStore(path: database.path)
        #expect(second.appliedMigrations.isEmpty)
        second.close()
    }

    @Test("a database from an earlier version is upgraded step by step, keeping its runs")
    func upgradesAnOlderDatabase() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        do {
            let connection = try SQLiteConnection(path: database.path)
            #expect(try Migrator.migrate(connection, history: Array(SchemaHistory.migrations.prefix(1))) == [1])
            try connection.run(
                "INSERT INTO runs (id, pipeline_id, experiment_name, source, status, parameter_assignments, data_path_assignments, submission, created_at, updated_at) VALUES ('old', 'p', 'e', 'api', 'Finished', '{}', '{}', x'', 0, 0)")
        }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        #expect(store.appliedMigrations == Array(SchemaHistory.migrations.dropFirst().map(\.version)))
        #expect(try await store.run(id: "old")?.status == "Finished")
    }

    @Test("a version-4 database keeps each schedule's last fire and outcome, which lived on the schedule row then")
    func upgradesLastFireFromVersion4() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        do {
            let connection = try SQLiteConnection(path: database.path)
            #expect(try Migrator.migrate(connection, history: Array(SchemaHistory.migrations.prefix(4))) == [1, 2, 3, 4])
            try connection.run(
                """
                INSERT INTO schedules (id, name, pipeline_id, status, definition, version, created_at, updated_at, last_fire_at, last_outcome)
                VALUES ('s1', 'n', 'p', 'Active', '{}', 1, 0, 0, 900000, 'Finished')
                """)
            try connection.run(
                "INSERT INTO schedule_fires (schedule_id, scheduled_time, run_id, finished, claimed_at) VALUES ('s1', 900000, 'r1', 1, 900000)")
        }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        #expect(store.appliedMigrations == Array(SchemaHistory.migrations.dropFirst(4).map(\.version)))
        let schedule = try #require(try await store.schedule(id: "s1"))
        #expect(schedule.lastFireAt == Date(timeIntervalSince1970: 900))
        #expect(schedule.lastOutcome == "Finished")
    }

    @Test("the store creates missing parent directories")
    func createsDirectories() throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let nested = database.directory.appendingPathComponent("a/b/gateway.sqlite3").path
        let store = try SQLiteStore(path: nested)
        store.close()
        #expect(FileManager.default.fileExists(atPath: nested))
    }

    @Test("a file that is not a database is refused and left untouched")
    func notADatabase() throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: database.path))
        #expect {
            _ = try SQLiteStore(path: database.path)
        } throws: { error in
            guard case StoreError.corrupt = error else { return false }
            return "\(error)".contains("backup")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database.path)) == garbage)
    }

    @Test("a damaged database is refused")
    func damaged() throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        store.close()
        // Fold the WAL into the main file, then overwrite a page in the middle of the schema table.
        let handle = try SQLiteConnection(path: database.path)
        try handle.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: database.path))
        for index in 100..<min(bytes.count, 4000) { bytes[index] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: database.path))
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: database.path) }
    }

    @Test("a database from a newer gateway is refused")
    func newerSchema() throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        do {
            let handle = try SQLiteConnection(path: database.path)
            try handle.execute("PRAGMA user_version = 99")
        }
        #expect(throws: StoreError.newerSchema(path: database.path, found: 99, supported: SQLiteStore.schemaVersion)) {
            _ = try SQLiteStore(path: database.path)
        }
    }

    @Test("a database locked by another process is reported as locked")
    func locked() throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let holder = try SQLiteConnection(path: database.path)
        try holder.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)")
        #expect(throws: StoreError.locked(path: database.path)) {
            _ = try SQLiteStore(path: database.path, options: SQLiteStoreOptions(busyTimeoutMilliseconds: 50))
        }
        try holder.execute("ROLLBACK")
    }

    @Test("a backup is a consistent, openable copy and never overwrites a file")
    func backup() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        for index in 0..<20 { _ = try await store.insertRun(Sample.run("r-\(index)"), idempotency: nil) }
        let copy = database.directory.appendingPathComponent("copy.sqlite3").path
        try await store.backup(to: copy)
        await #expect(throws: StoreError.self) { try await store.backup(to: copy) }
        let restored = try SQLiteStore(path: copy)
        defer { restored.close() }
        #expect(try await restored.runs(RunFilter(), limit: 50, cursor: nil).items.count == 20)
    }

    @Test("a closed store refuses work instead of hanging")
    func closed() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        try await store.checkWritable()
        store.close()
        await #expect(throws: StoreError.closed) { try await store.checkWritable() }
    }
}
