import Foundation
import Storage
import Testing

@Suite("SQLiteStore: idempotency keys")
struct SQLiteStoreIdempotencyTests {
    static func claim(_ key: String, runID: String, fingerprint: [UInt8] = [1, 2, 3]) -> IdempotencyRecord {
        IdempotencyRecord(scope: "ci", key: key, fingerprint: fingerprint, runID: runID, createdAt: Sample.t0)
    }

    @Test("a claimed key returns the first claim and stores no second run")
    func duplicate() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        #expect(try await store.insertRun(Sample.run("first"), idempotency: Self.claim("k", runID: "first")) == .inserted)
        let outcome = try await store.insertRun(Sample.run("second"), idempotency: Self.claim("k", runID: "second", fingerprint: [9]))
        #expect(outcome == .duplicate(Self.claim("k", runID: "first")))
        #expect(try await store.run(id: "second") == nil)
    }

    @Test("keys are scoped: the same key under another scope is independent")
    func scoped() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        _ = try await store.insertRun(Sample.run("a"), idempotency: Self.claim("k", runID: "a"))
        var other = Self.claim("k", runID: "b")
        other.scope = "someone-else"
        #expect(try await store.insertRun(Sample.run("b"), idempotency: other) == .inserted)
    }

    @Test("the stored answer survives a restart")
    func answerIsDurable() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        do {
            let store = try SQLiteStore(path: database.path)
            _ = try await store.insertRun(Sample.run("a"), idempotency: Self.claim("k", runID: "a"))
            #expect(try await store.idempotencyRecord(scope: "ci", key: "k")?.isAnswered == false)
            try await store.answerIdempotency(scope: "ci", key: "k", status: 202, body: Array("{}".utf8))
            store.close()
        }
        let reopened = try SQLiteStore(path: database.path)
        defer { reopened.close() }
        let record = try await reopened.idempotencyRecord(scope: "ci", key: "k")
        #expect(record?.responseStatus == 202)
        #expect(record?.responseBody == Array("{}".utf8))
        #expect(record?.runID == "a")
    }

    @Test("concurrent claims of one key: exactly one wins")
    func concurrentClaims() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        let inserted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await store.insertRun(Sample.run("r-\(index)"), idempotency: Self.claim("same", runID: "r-\(index)")) == .inserted
                }
            }
            var count = 0
            for try await won in group where won { count += 1 }
            return count
        }
        #expect(inserted == 1)
        #expect(try await store.runs(RunFilter(), limit: 50, cursor: nil).items.count == 1)
    }
}
