import Foundation
@testable import Storage
import Testing

@Suite("DatabaseWorker: how long it has been idle")
struct DatabaseWorkerIdleTests {
    @Test("idle time is zero while a batch runs, then counts up from its end")
    func idleForFollowsTheWork() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let worker = DatabaseWorker(name: "idle-test", connection: try SQLiteConnection(path: database.path), mode: .groupCommit)
        defer { worker.stop() }
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        async let done: Void = worker.perform { _ throws(SQLiteError) in
            started.signal()
            release.wait()
        }
        started.wait()
        // The checkpointer reads this: no pause while the writer works.
        #expect(worker.idleFor == .zero)
        try await Task.sleep(for: .milliseconds(50))
        #expect(worker.idleFor == .zero)
        release.signal()
        try await done
        try await Task.sleep(for: .milliseconds(120))
        let idle = worker.idleFor
        #expect(idle >= .milliseconds(100), "idle for \(idle)")
        try await Task.sleep(for: .milliseconds(50))
        #expect(worker.idleFor > idle)
    }
}
