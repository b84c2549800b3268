import Foundation
import Storage
import Testing

/// The seen-state of change-based schedules: a baseline stored with the schedule, and each poll's
/// runs and seen blobs in one transaction (nothing when the schedule stopped mid-poll).
@Suite("SQLiteStore: datastore seen-state")
struct SQLiteStoreSeenBlobTests {
    static func blob(_ name: String, _ etag: String = "0x1") -> SeenBlob { SeenBlob(name: name, etag: etag, lastModified: Sample.t0) }

    @Test("the baseline is stored with the schedule and read back by name")
    func baseline() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(SQLiteStoreScheduleTests.schedule("s-1"), seen: [Self.blob("in/b.csv"), Self.blob("in/a.csv")])
        #expect(try await store.seenBlobs(scheduleID: "s-1") == [Self.blob("in/a.csv"), Self.blob("in/b.csv")])
        try await store.replaceSeenBlobs(scheduleID: "s-1", with: [Self.blob("in/c.csv")])
        #expect(try await store.seenBlobs(scheduleID: "s-1").map(\.name) == ["in/c.csv"])
        #expect(try await store.deleteSchedule(id: "s-1"))
        #expect(try await store.seenBlobs(scheduleID: "s-1").isEmpty, "the seen-state goes with the schedule")
    }

    @Test("a poll records its runs, seen blobs, forgotten names and last fire together")
    func pollTransaction() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(SQLiteStoreScheduleTests.schedule("s-1"), seen: [Self.blob("in/old.csv"), Self.blob("in/gone.csv")])
        var run = Sample.run("r-1")
        run.scheduleID = "s-1"
        run.triggerFile = "in/new.csv"
        let polledAt = Sample.t0.addingTimeInterval(300)
        let stored = try await store.recordFolderChanges(
            scheduleID: "s-1", runs: [run], seen: [Self.blob("in/new.csv"), Self.blob("in/old.csv", "0x2")], forgotten: ["in/gone.csv"],
            polledAt: polledAt)
        #expect(stored?.map(\.id) == ["r-1"])
        #expect(try await store.seenBlobs(scheduleID: "s-1") == [Self.blob("in/new.csv"), Self.blob("in/old.csv", "0x2")])
        #expect(try await store.run(id: "r-1")?.triggerFile == "in/new.csv")
        #expect(try await store.schedule(id: "s-1")?.lastFireAt == polledAt)
    }

    @Test("a poll for a schedule disabled meanwhile stores nothing")
    func stoppedSchedule() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(SQLiteStoreScheduleTests.schedule("s-1", status: "Disabled"), seen: [])
        var run = Sample.run("r-1")
        run.scheduleID = "s-1"
        let stored = try await store.recordFolderChanges(
            scheduleID: "s-1", runs: [run], seen: [Self.blob("in/new.csv")], forgotten: [], polledAt: Sample.t0)
        #expect(stored == nil)
        #expect(try await store.run(id: "r-1") == nil)
        #expect(try await store.seenBlobs(scheduleID: "s-1").isEmpty)
    }

    @Test("two polls that saw the same new version record one run: the second finds it seen")
    func concurrentPollsOfOneVersion() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(SQLiteStoreScheduleTests.schedule("s-1"), seen: [])
        var first = Sample.run("r-1")
        first.scheduleID = "s-1"
        first.triggerFile = "in/new.csv"
        var second = first
        second.id = "r-2"
        let seen = [Self.blob("in/new.csv", "0x7")]
        #expect(try await store.recordFolderChanges(scheduleID: "s-1", runs: [first], seen: seen, forgotten: [], polledAt: Sample.t0)?.count == 1)
        #expect(try await store.recordFolderChanges(scheduleID: "s-1", runs: [second], seen: seen, forgotten: [], polledAt: Sample.t0)?.isEmpty == true)
        #expect(try await store.run(id: "r-2") == nil)
        // A newer version of the same blob is a change again.
        var third = first
        third.id = "r-3"
        let newer = [Self.blob("in/new.csv", "0x8")]
        #expect(try await store.recordFolderChanges(scheduleID: "s-1", runs: [third], seen: newer, forgotten: [], polledAt: Sample.t0)?.count == 1)
    }
}
