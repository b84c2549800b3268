import Foundation
import Storage
import Testing

/// Webhooks in the store: the record with its secrets (written together, replaced together, at most
/// `limit`, never the last one retired), versioned replace, and the delivery log (newest first,
/// paged, pruned with the retention, gone with its webhook).
@Suite("SQLiteStore: webhooks")
struct SQLiteStoreWebhookTests {
    static func webhook(_ id: String, status: String = "Active") -> WebhookRecord {
        WebhookRecord(
            id: id, name: "hook \(id)", pipelineID: "p1", status: status, scheme: "standard", definition: #"{"experiment_name":"E"}"#,
            createdBy: "ops", createdAt: Sample.t0)
    }

    static func secret(_ hint: String, at offset: TimeInterval = 0) -> WebhookSecretRecord {
        WebhookSecretRecord(hint: hint, value: "whsec_value-\(hint)", createdAt: Sample.t0.addingTimeInterval(offset))
    }

    static func delivery(_ webhookID: String, _ id: String, at offset: TimeInterval = 0, outcome: String = "accepted") -> WebhookDeliveryRecord {
        WebhookDeliveryRecord(
            webhookID: webhookID, deliveryID: id, receivedAt: Sample.t0.addingTimeInterval(offset), outcome: outcome, reason: nil,
            runID: outcome == "accepted" ? "run-\(id)" : nil, status: outcome == "accepted" ? 202 : 401)
    }

    @Test("a webhook reads back with its secrets; a list pages in creation order")
    func insertAndList() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertWebhook(Self.webhook("w-1"), secrets: [Self.secret("aaaa1111")])
        try await store.insertWebhook(Self.webhook("w-2"), secrets: [Self.secret("bbbb2222"), Self.secret("cccc3333", at: 1)])
        try await store.insertWebhook(Self.webhook("w-3"), secrets: [Self.secret("dddd4444")])
        #expect(try await store.webhook(id: "w-2") == Self.webhook("w-2"))
        #expect(try await store.webhook(id: "nope") == nil)
        #expect(try await store.webhookSecrets(webhookID: "w-2").map(\.hint) == ["bbbb2222", "cccc3333"])
        #expect(try await store.webhookSecrets(webhookID: "w-2").first?.value == "whsec_value-bbbb2222")
        let first = try await store.webhooks(limit: 2, cursor: nil)
        #expect(first.items.map(\.id) == ["w-1", "w-2"])
        let second = try await store.webhooks(limit: 2, cursor: first.nextCursor)
        #expect(second.items.map(\.id) == ["w-3"] && second.nextCursor == nil)
    }

    @Test("a replace with the read version wins once and may swap the secrets; a stale one changes nothing")
    func replace() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertWebhook(Self.webhook("w-1"), secrets: [Self.secret("aaaa1111")])
        var changed = Self.webhook("w-1", status: "Disabled")
        changed.updatedAt = Sample.t0.addingTimeInterval(60)
        guard case .updated(let stored) = try await store.replaceWebhook(changed, secrets: [Self.secret("eeee5555")], expectedVersion: 1) else {
            Issue.record("the first replace must win")
            return
        }
        #expect(stored.version == 2 && stored.status == "Disabled" && stored.createdBy == "ops")
        #expect(try await store.webhookSecrets(webhookID: "w-1").map(\.hint) == ["eeee5555"])
        guard case .stale(let current) = try await store.replaceWebhook(Self.webhook("w-1"), secrets: [], expectedVersion: 1) else {
            Issue.record("a stale version must not win")
            return
        }
        #expect(current.version == 2)
        #expect(try await store.webhookSecrets(webhookID: "w-1").map(\.hint) == ["eeee5555"], "a stale replace keeps the secrets")
        // Without `secrets`, an update leaves them alone.
        _ = try await store.replaceWebhook(Self.webhook("w-1"), secrets: nil, expectedVersion: 2)
        #expect(try await store.webhookSecrets(webhookID: "w-1").map(\.hint) == ["eeee5555"])
        #expect(try await store.replaceWebhook(Self.webhook("w-9"), secrets: nil, expectedVersion: 1) == .notFound)
    }

    @Test("secrets: added up to the limit, the same one twice is one, the last one cannot be retired")
    func secrets() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertWebhook(Self.webhook("w-1"), secrets: [Self.secret("aaaa1111")])
        #expect(try await store.addWebhookSecret(webhookID: "w-1", Self.secret("bbbb2222", at: 1), limit: 3) != .tooMany(limit: 3))
        #expect(try await store.addWebhookSecret(webhookID: "w-1", Self.secret("bbbb2222", at: 2), limit: 3)
            == .changed([Self.secret("aaaa1111"), Self.secret("bbbb2222", at: 1)]))
        _ = try await store.addWebhookSecret(webhookID: "w-1", Self.secret("cccc3333", at: 3), limit: 3)
        #expect(try await store.addWebhookSecret(webhookID: "w-1", Self.secret("dddd4444", at: 4), limit: 3) == .tooMany(limit: 3))
        #expect(try await store.removeWebhookSecret(webhookID: "w-1", hint: "ffff0000") == .unknownSecret)
        #expect(try await store.removeWebhookSecret(webhookID: "w-1", hint: "aaaa1111")
            == .changed([Self.secret("bbbb2222", at: 1), Self.secret("cccc3333", at: 3)]))
        _ = try await store.removeWebhookSecret(webhookID: "w-1", hint: "bbbb2222")
        #expect(try await store.removeWebhookSecret(webhookID: "w-1", hint: "cccc3333") == .lastSecret)
        #expect(try await store.webhookSecrets(webhookID: "w-1").map(\.hint) == ["cccc3333"])
        #expect(try await store.addWebhookSecret(webhookID: "w-9", Self.secret("aaaa1111"), limit: 3) == .notFound)
        #expect(try await store.removeWebhookSecret(webhookID: "w-9", hint: "aaaa1111") == .notFound)
    }

    @Test("deliveries list newest first in pages, are pruned with the retention and go with their webhook")
    func deliveries() async throws {
        let database = try TemporaryDatabase()
        defer { database.cleanUp() }
        let store = try SQLiteStore(path: database.path)
        defer { store.close() }
        try await store.insertWebhook(Self.webhook("w-1"), secrets: [Self.secret("aaaa1111")])
        try await store.insertWebhook(Self.webhook("w-2"), secrets: [Self.secret("bbbb2222")])
        for index in 0..<5 { try await store.recordDelivery(Self.delivery("w-1", "d\(index)", at: Double(index) * 3600)) }
        try await store.recordDelivery(Self.delivery("w-2", "x", outcome: "unauthorized"))
        try await store.recordDelivery(Self.delivery("w-unknown", "y"))
        let first = try await store.deliveries(webhookID: "w-1", limit: 3, cursor: nil)
        #expect(first.items.map(\.deliveryID) == ["d4", "d3", "d2"])
        let second = try await store.deliveries(webhookID: "w-1", limit: 3, cursor: first.nextCursor)
        #expect(second.items.map(\.deliveryID) == ["d1", "d0"] && second.nextCursor == nil)
        #expect(try await store.deliveries(webhookID: "w-2", limit: 10, cursor: nil).items
            == [Self.delivery("w-2", "x", outcome: "unauthorized")])
        #expect(try await store.deliveries(webhookID: "w-unknown", limit: 10, cursor: nil).items.isEmpty, "no log for an unknown webhook")

        let pruned = try await store.prune(finishedRunsBefore: Sample.t0.addingTimeInterval(2 * 3600), keysBefore: Sample.t0)
        #expect(pruned.deliveries == 3, "d0, d1 and w-2's delivery are older than the cut")
        #expect(try await store.deliveries(webhookID: "w-1", limit: 10, cursor: nil).items.map(\.deliveryID) == ["d4", "d3", "d2"])
        #expect(try await store.deleteWebhook(id: "w-1"))
        #expect(try await store.deliveries(webhookID: "w-1", limit: 10, cursor: nil).items.isEmpty)
        #expect(try await store.webhookSecrets(webhookID: "w-1").isEmpty)
        #expect(try await !store.deleteWebhook(id: "w-1"))
    }
}
