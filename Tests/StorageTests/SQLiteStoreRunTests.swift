import Foundation
import Storage
import Testing

@Suite("SQLiteStore: run ledger")
struct SQLiteStoreRunTests {
    @Test("a run reads back exactly as it was inserted")
    func roundTrip() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        var run = Sample.run("r-1")
        run.pipelineEndpointID = "endpoint"
        run.pipelineVersion = "3"
        run.scheduleID = "s-1"
        run.scheduledTime = Sample.t0.addingTimeInterval(60)
        run.triggerFile = "input/a.csv"
        run.webhookID = "w"
        run.deliveryID = "d"
        run.continueOnStepFailure = true
        run.nextRefreshAt = Sample.t0.addingTimeInterval(15)
        #expect(try await store.insertRun(run, idempotency: nil) == .inserted)
        #expect(try await store.run(id: "r-1") == run)
        #expect(try await store.run(id: "missing") == nil)
    }

    @Test("an update changes only what it names and reports the stored run")
    func update() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        var run = Sample.run("r-1")
        run.nextRefreshAt = Sample.t0
        _ = try await store.insertRun(run, idempotency: nil)
        let later = Sample.t0.addingTimeInterval(5)
        let updated = try await store.updateRun(id: "r-1", RunChange(status: "Running", azureRunID: "azure-1", updatedAt: later))
        #expect(updated?.status == "Running")
        #expect(updated?.azureRunID == "azure-1")
        #expect(updated?.nextRefreshAt == Sample.t0)
        #expect(updated?.updatedAt == later)
        let final = try await store.updateRun(id: "r-1", RunChange(status: "Finished", nextRefreshAt: .some(nil), updatedAt: later))
        #expect(final?.nextRefreshAt == nil)
        #expect(final?.azureRunID == "azure-1")
        #expect(try await store.updateRun(id: "nope", RunChange(status: "Failed", updatedAt: later)) == nil)
    }

    @Test("an update that is not synced still survives closing and reopening (a process crash)")
    func lightUpdateIsKept() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        do {
            let store = try SQLiteStore(path: database.path)
            _ = try await store.insertRun(Sample.run("r-1"), idempotency: nil)
            _ = try await store.updateRun(id: "r-1", RunChange(status: "Running", azureRunID: "a-1", updatedAt: Sample.t0), durable: false)
            store.close()
        }
        let reopened = try SQLiteStore(path: database.path)
        defer { reopened.close() }
        #expect(try await reopened.run(id: "r-1")?.azureRunID == "a-1")
    }

    @Test("listing is newest first, filtered, and pages by cursor without gaps or repeats")
    func paging() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        for index in 0..<7 {
            _ = try await store.insertRun(Sample.run("r-\(index)", pipeline: index % 2 == 0 ? "even" : "odd"), idempotency: nil)
        }
        let first = try await store.runs(RunFilter(pipelineID: "even"), limit: 3, cursor: nil)
        #expect(first.items.map(\.id) == ["r-6", "r-4", "r-2"])
        let second = try await store.runs(RunFilter(pipelineID: "even"), limit: 3, cursor: first.nextCursor)
        #expect(second.items.map(\.id) == ["r-0"])
        #expect(second.nextCursor == nil)
        let all = try await store.runs(RunFilter(), limit: 50, cursor: nil)
        #expect(all.items.count == 7)
        #expect(try await store.runs(RunFilter(status: "Finished"), limit: 50, cursor: nil).items.isEmpty)
        #expect(try await store.runs(RunFilter(source: "api"), limit: 50, cursor: nil).items.count == 7)
    }

    @Test("runs of a pipeline endpoint are listed by its id, whatever pipeline each version ran")
    func byEndpoint() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        for (index, endpoint) in ["e-1", "e-2", nil, "e-1"].enumerated() {
            var run = Sample.run("r-\(index)", pipeline: "p-\(index)")
            run.pipelineEndpointID = endpoint
            _ = try await store.insertRun(run, idempotency: nil)
        }
        #expect(try await store.runs(RunFilter(pipelineEndpointID: "e-1"), limit: 50, cursor: nil).items.map(\.id) == ["r-3", "r-0"])
        #expect(try await store.runs(RunFilter(pipelineID: "p-1", pipelineEndpointID: "e-2"), limit: 50, cursor: nil).items.map(\.id) == ["r-1"])
        #expect(try await store.runs(RunFilter(pipelineEndpointID: "e-9"), limit: 50, cursor: nil).items.isEmpty)
    }

    @Test("the refresher sees due runs only, and Submitting runs are found for reconciliation")
    func dueAndAwaiting() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        var due = Sample.run("due", status: "Running")
        due.nextRefreshAt = Sample.t0
        var later = Sample.run("later", status: "Running")
        later.nextRefreshAt = Sample.t0.addingTimeInterval(600)
        let submitting = Sample.run("submitting")
        for run in [due, later, submitting] { _ = try await store.insertRun(run, idempotency: nil) }
        #expect(try await store.runsDueForRefresh(at: Sample.t0.addingTimeInterval(1), limit: 10).map(\.id) == ["due"])
        #expect(try await store.runsAwaitingSubmission().map(\.id) == ["submitting"])
    }

    @Test("concurrent inserts all land, committed in groups")
    func concurrentInserts() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { _ = try await store.insertRun(Sample.run("r-\(index)"), idempotency: nil) }
            }
            try await group.waitForAll()
        }
        store.close()
        let reopened = try SQLiteStore(path: database.path)
        defer { reopened.close() }
        #expect(try await reopened.runs(RunFilter(), limit: 500, cursor: nil).items.count == 200)
    }

    @Test("one failing write in a group fails alone; the others commit")
    func failingWriteFailsAlone() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        _ = try await store.insertRun(Sample.run("taken"), idempotency: nil)
        let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
            for id in ["a", "taken", "b", "c"] {
                group.addTask {
                    do {
                        _ = try await store.insertRun(Sample.run(id), idempotency: nil)
                        return (id, true)
                    } catch {
                        return (id, false)
                    }
                }
            }
            var result: [String: Bool] = [:]
            for await (id, ok) in group { result[id] = ok }
            return result
        }
        #expect(outcomes == ["a": true, "taken": false, "b": true, "c": true])
        #expect(try await store.runs(RunFilter(), limit: 10, cursor: nil).items.count == 4)
    }

    @Test("pruning removes old final runs and old keys, never unfinished runs")
    func prune() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        _ = try await store.insertRun(Sample.run("old-final", status: "Finished"), idempotency: nil)
        var running = Sample.run("old-running", status: "Running")
        running.nextRefreshAt = Sample.t0
        _ = try await store.insertRun(running, idempotency: nil)
        _ = try await store.insertRun(Sample.run("old-submitting"), idempotency: nil)
        _ = try await store.insertRun(Sample.run("new-final", status: "Finished", at: Sample.t0.addingTimeInterval(86_400 * 100)), idempotency: nil)
        let claim = IdempotencyRecord(scope: "k", key: "old", fingerprint: [1], runID: "x", createdAt: Sample.t0)
        _ = try await store.insertRun(Sample.run("keyed", status: "Finished", at: Sample.t0.addingTimeInterval(86_400 * 100)), idempotency: claim)
        let cut = Sample.t0.addingTimeInterval(86_400)
        let pruned = try await store.prune(finishedRunsBefore: cut, keysBefore: cut)
        #expect(pruned == PruneResult(runs: 1, idempotencyKeys: 1))
        let left = Set(try await store.runs(RunFilter(), limit: 10, cursor: nil).items.map(\.id))
        #expect(left == ["old-running", "old-submitting", "new-final", "keyed"])
    }
}
