import Foundation
import Storage
import Testing

/// What `max_concurrent_runs` needs from the store: counts by status, the oldest runs in a status,
/// and a compare-and-set that only one of two deciders wins.
@Suite("SQLiteStore: run slots")
struct SQLiteStoreRunSlotTests {
    static func seeded() async throws -> (TemporaryDatabase, SQLiteStore) {
        let database = try TemporaryDatabase()
        let store = try SQLiteStore(path: database.path)
        let statuses = ["Running", "Waiting", "Finished", "Waiting", "Submitting"]
        for (index, status) in statuses.enumerated() {
            var run = Sample.run("r-\(index)", status: status, at: Sample.t0.addingTimeInterval(Double(index)))
            run.scheduleID = "s-1"
            _ = try await store.insertRun(run, idempotency: nil)
        }
        var other = Sample.run("other", status: "Waiting")
        other.scheduleID = "s-2"
        _ = try await store.insertRun(other, idempotency: nil)
        return (database, store)
    }

    @Test("runs are counted by a status set, or by its complement, for one schedule only")
    func counts() async throws {
        let (database, store) = try await Self.seeded()
        defer { store.close(); database.cleanUp() }
        #expect(try await store.countRuns(scheduleID: "s-1", status: .anyOf(["Waiting"])) == 2)
        #expect(try await store.countRuns(scheduleID: "s-1", status: .noneOf(["Finished", "Waiting"])) == 2)
        #expect(try await store.countRuns(scheduleID: "s-1", status: .noneOf([])) == 5)
        #expect(try await store.countRuns(scheduleID: "s-1", status: .anyOf(["a\"b\\c"])) == 0)
        #expect(try await store.countRuns(scheduleID: "none", status: .noneOf([])) == 0)
    }

    @Test("the oldest runs in a status come first, across schedules")
    func oldestFirst() async throws {
        let (database, store) = try await Self.seeded()
        defer { store.close(); database.cleanUp() }
        #expect(try await store.oldestRuns(status: "Waiting", limit: 10).map(\.id) == ["r-1", "r-3", "other"])
        #expect(try await store.oldestRuns(status: "Waiting", limit: 1).map(\.id) == ["r-1"])
    }

    @Test("a transition applies only from the expected status, so a second decider gets nil")
    func compareAndSet() async throws {
        let (database, store) = try await Self.seeded()
        defer { store.close(); database.cleanUp() }
        let change = RunChange(status: "Submitting", updatedAt: Sample.t0.addingTimeInterval(60))
        let moved = try await store.transitionRun(id: "r-1", from: "Waiting", change)
        #expect(moved?.status == "Submitting")
        #expect(try await store.transitionRun(id: "r-1", from: "Waiting", change) == nil)
        #expect(try await store.transitionRun(id: "missing", from: "Waiting", change) == nil)
        #expect(try await store.run(id: "r-1")?.status == "Submitting")
    }

    @Test("pruning never removes a run still waiting to be sent")
    func pruneKeepsWaiting() async throws {
        let (database, store) = try await Self.seeded()
        defer { store.close(); database.cleanUp() }
        _ = try await store.prune(finishedRunsBefore: Sample.t0.addingTimeInterval(3600), keysBefore: Sample.t0)
        #expect(try await store.run(id: "r-2") == nil, "the finished run is past the cut")
        #expect(try await store.oldestRuns(status: "Waiting", limit: 10).count == 3)
    }
}
