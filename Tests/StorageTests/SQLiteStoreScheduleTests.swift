import Foundation
import Storage
import Testing

@Suite("SQLiteStore: schedules and fire records")
struct SQLiteStoreScheduleTests {
    static func schedule(_ id: String, pipeline: String = "p1", status: String = "Active", at: Date = Sample.t0) -> ScheduleRecord {
        ScheduleRecord(
            id: id, name: "every-15-\(id)", pipelineID: pipeline, status: status,
            definition: #"{"recurrence":{"frequency":"Minute","interval":15}}"#, createdBy: "ops", createdAt: at)
    }

    static func fireRun(_ id: String, schedule: String, at time: Date) -> RunRecord {
        var run = Sample.run(id, at: time)
        run.source = "schedule"
        run.scheduleID = schedule
        run.scheduledTime = time
        return run
    }

    @Test("a schedule reads back as stored; lists filter by status and pipeline and page in creation order")
    func crudAndListing() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let first = Self.schedule("s1")
        try await store.insertSchedule(first)
        try await store.insertSchedule(Self.schedule("s2", status: "Disabled"))
        try await store.insertSchedule(Self.schedule("s3", pipeline: "p2"))
        #expect(try await store.schedule(id: "s1") == first)
        #expect(try await store.schedule(id: "nope") == nil)
        #expect(try await store.schedules(activeOnly: true, pipelineID: nil, limit: 50, cursor: nil).items.map(\.id) == ["s1", "s3"])
        #expect(try await store.schedules(activeOnly: false, pipelineID: nil, limit: 50, cursor: nil).items.map(\.id) == ["s1", "s2", "s3"])
        #expect(try await store.schedules(activeOnly: false, pipelineID: "p2", limit: 50, cursor: nil).items.map(\.id) == ["s3"])
        let page = try await store.schedules(activeOnly: false, pipelineID: nil, limit: 2, cursor: nil)
        #expect(page.items.map(\.id) == ["s1", "s2"])
        #expect(try await store.schedules(activeOnly: false, pipelineID: nil, limit: 2, cursor: page.nextCursor).items.map(\.id) == ["s3"])
        #expect(try await store.activeSchedules().map(\.id) == ["s1", "s3"])
    }

    @Test("a replace with the read version wins once; a stale version changes nothing")
    func optimisticReplace() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(Self.schedule("s1"))
        var changed = Self.schedule("s1", status: "Disabled")
        changed.updatedBy = "ci"
        changed.createdBy = "someone-else"
        guard case .updated(let stored) = try await store.replaceSchedule(changed, expectedVersion: 1) else {
            Issue.record("the first replace should win")
            return
        }
        #expect(stored.version == 2)
        #expect(stored.createdBy == "ops")
        #expect(stored.status == "Disabled")
        guard case .stale(let current) = try await store.replaceSchedule(Self.schedule("s1"), expectedVersion: 1) else {
            Issue.record("a replace with the old version should be refused")
            return
        }
        #expect(current == stored)
        #expect(try await store.replaceSchedule(Self.schedule("nope"), expectedVersion: 1) == .notFound)
    }

    @Test("an occurrence is claimed once with its run, even when claimed concurrently, and survives a restart")
    func claimOnce() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let time = Sample.t0.addingTimeInterval(900)
        do {
            let store = try SQLiteStore(path: database.path)
            try await store.insertSchedule(Self.schedule("s1"))
            let claims = try await withThrowingTaskGroup(of: FireClaimOutcome.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let fire = FireRecord(scheduleID: "s1", scheduledTime: time, runID: "r\(index)", claimedAt: time)
                        return try await store.claimFire(fire, run: Self.fireRun("r\(index)", schedule: "s1", at: time))
                    }
                }
                var all: [FireClaimOutcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(claims.filter { $0 == .claimed }.count == 1)
            #expect(try await store.runs(RunFilter(scheduleID: "s1"), limit: 50, cursor: nil).items.count == 1)
            #expect(try await store.schedule(id: "s1")?.lastFireAt == time)
            store.close()
        }
        let reopened = try SQLiteStore(path: database.path)
        defer { reopened.close() }
        let again = try await reopened.claimFire(
            FireRecord(scheduleID: "s1", scheduledTime: time, runID: "late", claimedAt: time), run: Self.fireRun("late", schedule: "s1", at: time))
        guard case .alreadyFired(let existing) = again else {
            Issue.record("a restarted process must see the occurrence as fired")
            return
        }
        #expect(existing.finished == false)
        #expect(try await reopened.run(id: "late") == nil)
        #expect(try await reopened.unfinishedFires().map(\.runID) == [existing.runID])
        try await reopened.finishFire(scheduleID: "s1", scheduledTime: time, outcome: "Submitted")
        #expect(try await reopened.unfinishedFires().isEmpty)
        #expect(try await reopened.schedule(id: "s1")?.lastOutcome == "Submitted")
    }

    @Test("a schedule's last fire is its newest fire record: Submitting while in flight, then its outcome; updates never overwrite it")
    func lastFireFromFireRecords() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(Self.schedule("s1"))
        #expect(try await store.schedule(id: "s1")?.lastFireAt == nil)
        let first = Sample.t0.addingTimeInterval(900)
        let second = Sample.t0.addingTimeInterval(1800)
        for (index, time) in [second, first].enumerated() {
            let fire = FireRecord(scheduleID: "s1", scheduledTime: time, runID: "r\(index)", claimedAt: time)
            #expect(try await store.claimFire(fire, run: Self.fireRun("r\(index)", schedule: "s1", at: time)) == .claimed)
        }
        var read = try #require(try await store.schedule(id: "s1"))
        #expect(read.lastFireAt == second)
        #expect(read.lastOutcome == "Submitting")
        // Finishing the older occurrence says nothing about the newest.
        try await store.finishFire(scheduleID: "s1", scheduledTime: first, outcome: "Finished")
        #expect(try await store.schedule(id: "s1")?.lastOutcome == "Submitting")
        try await store.finishFire(scheduleID: "s1", scheduledTime: second, outcome: "SubmitFailed")
        read = try #require(try await store.schedules(ids: ["s1"]).first)
        #expect(read.lastFireAt == second)
        #expect(read.lastOutcome == "SubmitFailed")
        // A caller's copy with other values does not rewrite the record of fires.
        var edited = read
        edited.lastFireAt = Sample.t0
        edited.lastOutcome = "Finished"
        guard case .updated(let updated) = try await store.replaceSchedule(edited, expectedVersion: read.version) else {
            Issue.record("the replace should succeed")
            return
        }
        #expect(updated.lastFireAt == second && updated.lastOutcome == "SubmitFailed")
        let listed = try await store.schedules(activeOnly: true, pipelineID: nil, limit: 10, cursor: nil).items
        #expect(listed.map(\.lastFireAt) == [second])
        #expect(listed.map(\.lastOutcome) == ["SubmitFailed"])
        #expect(try await store.activeSchedules().map(\.lastOutcome) == ["SubmitFailed"])
    }

    @Test("deleting a schedule drops its fire records but keeps its runs in the ledger")
    func deleteKeepsRuns() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertSchedule(Self.schedule("s1"))
        let time = Sample.t0.addingTimeInterval(60)
        _ = try await store.claimFire(FireRecord(scheduleID: "s1", scheduledTime: time, runID: "r1", claimedAt: time), run: Self.fireRun("r1", schedule: "s1", at: time))
        #expect(try await store.deleteSchedule(id: "s1"))
        #expect(try await store.deleteSchedule(id: "s1") == false)
        #expect(try await store.unfinishedFires().isEmpty)
        #expect(try await store.run(id: "r1") != nil)
        // A fire for a schedule that does not exist is refused, not stored.
        await #expect(throws: StoreError.self) {
            _ = try await store.claimFire(
                FireRecord(scheduleID: "s1", scheduledTime: time, runID: "r2", claimedAt: time), run: Self.fireRun("r2", schedule: "s1", at: time))
        }
        #expect(try await store.run(id: "r2") == nil)
    }
}
