import Foundation

extension SQLiteStore {
    static let webhookColumns = """
        id, name, pipeline_id, status, scheme, definition, version, created_by, updated_by, created_at, updated_at, pipeline_endpoint_id
        """
    static let webhookColumnCount: Int32 = 12

    public func insertWebhook(_ webhook: WebhookRecord, secrets: [WebhookSecretRecord]) async throws(StoreError) {
        try await write { connection throws(SQLiteError) in
            try connection.run(
                "INSERT INTO webhooks (\(Self.webhookColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", Self.values(webhook))
            for secret in secrets { try Self.insertSecret(secret, webhookID: webhook.id, on: connection) }
        }
    }

    public func webhook(id: String) async throws(StoreError) -> WebhookRecord? {
        try await read { connection throws(SQLiteError) in
            try connection.rows("SELECT \(Self.webhookColumns) FROM webhooks WHERE id = ?1", [.text(id)], Self.webhookRecord).first
        }
    }

    public func webhooks(limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<WebhookRecord> {
        let limit = max(1, limit)
        return try await read { connection throws(SQLiteError) in
            let rows = try connection.rows(
                "SELECT \(Self.webhookColumns), seq FROM webhooks WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                [.integer(cursor ?? 0), .integer(Int64(limit) + 1)]
            ) { row throws(SQLiteError) in (Self.webhookRecord(row), row.int64(Self.webhookColumnCount)) }
            let page = rows.prefix(limit)
            return StoredPage(items: page.map(\.0), nextCursor: rows.count > limit ? page.last?.1 : nil)
        }
    }

    public func replaceWebhook(
        _ webhook: WebhookRecord, secrets: [WebhookSecretRecord]?, expectedVersion: Int64
    ) async throws(StoreError) -> WebhookUpdateOutcome {
        try await write { connection throws(SQLiteError) in
            guard let current = try connection.rows(
                "SELECT \(Self.webhookColumns) FROM webhooks WHERE id = ?1", [.text(webhook.id)], Self.webhookRecord
            ).first else { return .notFound }
            guard current.version == expectedVersion else { return .stale(current: current) }
            var stored = webhook
            stored.version = expectedVersion + 1
            stored.createdAt = current.createdAt
            stored.createdBy = current.createdBy
            try connection.run(
                """
                UPDATE webhooks SET name = ?2, pipeline_id = ?3, status = ?4, scheme = ?5, definition = ?6, version = ?7,
                    created_by = ?8, updated_by = ?9, created_at = ?10, updated_at = ?11, pipeline_endpoint_id = ?12
                WHERE id = ?1
                """,
                Self.values(stored)
            )
            if let secrets {
                try connection.run("DELETE FROM webhook_secrets WHERE webhook_id = ?1", [.text(webhook.id)])
                for secret in secrets { try Self.insertSecret(secret, webhookID: webhook.id, on: connection) }
            }
            return .updated(stored)
        }
    }

    public func deleteWebhook(id: String) async throws(StoreError) -> Bool {
        try await write { connection throws(SQLiteError) in
            try connection.run("DELETE FROM webhooks WHERE id = ?1", [.text(id)])
            return connection.changes > 0
        }
    }

    public func webhookSecrets(webhookID: String) async throws(StoreError) -> [WebhookSecretRecord] {
        try await read { connection throws(SQLiteError) in try Self.secrets(webhookID, on: connection) }
    }

    public func addWebhookSecret(webhookID: String, _ secret: WebhookSecretRecord, limit: Int) async throws(StoreError) -> WebhookSecretChange {
        try await write { connection throws(SQLiteError) in
            guard try Self.webhookExists(webhookID, on: connection) else { return .notFound }
            let current = try Self.secrets(webhookID, on: connection)
            guard current.count < limit else { return .tooMany(limit: limit) }
            // The same secret twice is one secret: its hint is its identity.
            if !current.contains(where: { $0.hint == secret.hint }) { try Self.insertSecret(secret, webhookID: webhookID, on: connection) }
            return .changed(try Self.secrets(webhookID, on: connection))
        }
    }

    public func removeWebhookSecret(webhookID: String, hint: String) async throws(StoreError) -> WebhookSecretChange {
        try await write { connection throws(SQLiteError) in
            guard try Self.webhookExists(webhookID, on: connection) else { return .notFound }
            let current = try Self.secrets(webhookID, on: connection)
            guard current.contains(where: { $0.hint == hint }) else { return .unknownSecret }
            guard current.count > 1 else { return .lastSecret }
            try connection.run("DELETE FROM webhook_secrets WHERE webhook_id = ?1 AND hint = ?2", [.text(webhookID), .text(hint)])
            return .changed(try Self.secrets(webhookID, on: connection))
        }
    }

    public func recordDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError) {
        try await write(durable: false) { connection throws(SQLiteError) in
            // A webhook deleted meanwhile has no log to append to.
            guard try Self.webhookExists(delivery.webhookID, on: connection) else { return }
            try connection.run(
                """
                INSERT INTO webhook_deliveries (webhook_id, delivery_id, received_at, outcome, reason, run_id, status)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """,
                [
                    .text(delivery.webhookID), SQLiteValue(delivery.deliveryID), .integer(delivery.receivedAt.storedMilliseconds),
                    .text(delivery.outcome), SQLiteValue(delivery.reason), SQLiteValue(delivery.runID), .integer(Int64(delivery.status)),
                ]
            )
        }
    }

    public func deliveries(webhookID: String, limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<WebhookDeliveryRecord> {
        let limit = max(1, limit)
        return try await read { connection throws(SQLiteError) in
            let rows = try connection.rows(
                """
                SELECT webhook_id, delivery_id, received_at, outcome, reason, run_id, status, seq FROM webhook_deliveries
                WHERE webhook_id = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3
                """,
                [.text(webhookID), .integer(cursor ?? Int64.max), .integer(Int64(limit) + 1)]
            ) { row throws(SQLiteError) in
                (
                    WebhookDeliveryRecord(
                        webhookID: row.text(0), deliveryID: row.optionalText(1), receivedAt: Date(storedMilliseconds: row.int64(2)),
                        outcome: row.text(3), reason: row.optionalText(4), runID: row.optionalText(5), status: Int(row.int64(6))),
                    row.int64(7)
                )
            }
            let page = rows.prefix(limit)
            return StoredPage(items: page.map(\.0), nextCursor: rows.count > limit ? page.last?.1 : nil)
        }
    }

    // MARK: Rows

    private static func webhookExists(_ id: String, on connection: SQLiteConnection) throws(SQLiteError) -> Bool {
        try !connection.rows("SELECT 1 FROM webhooks WHERE id = ?1", [.text(id)]) { _ in true }.isEmpty
    }

    private static func secrets(_ webhookID: String, on connection: SQLiteConnection) throws(SQLiteError) -> [WebhookSecretRecord] {
        try connection.rows(
            "SELECT hint, value, created_at FROM webhook_secrets WHERE webhook_id = ?1 ORDER BY created_at, hint", [.text(webhookID)]
        ) { row throws(SQLiteError) in WebhookSecretRecord(hint: row.text(0), value: row.text(1), createdAt: Date(storedMilliseconds: row.int64(2))) }
    }

    private static func insertSecret(_ secret: WebhookSecretRecord, webhookID: String, on connection: SQLiteConnection) throws(SQLiteError) {
        try connection.run(
            "INSERT OR IGNORE INTO webhook_secrets (webhook_id, hint, value, created_at) VALUES (?1, ?2, ?3, ?4)",
            [.text(webhookID), .text(secret.hint), .text(secret.value), .integer(secret.createdAt.storedMilliseconds)]
        )
    }

    private static func values(_ webhook: WebhookRecord) -> [SQLiteValue] {
        [
            .text(webhook.id), .text(webhook.name), .text(webhook.pipelineID), .text(webhook.status), .text(webhook.scheme),
            .text(webhook.definition), .integer(webhook.version), SQLiteValue(webhook.createdBy), SQLiteValue(webhook.updatedBy),
            .integer(webhook.createdAt.storedMilliseconds), .integer(webhook.updatedAt.storedMilliseconds), SQLiteValue(webhook.pipelineEndpointID),
        ]
    }

    static func webhookRecord(_ row: SQLiteRow) -> WebhookRecord {
        WebhookRecord(
            id: row.text(0), name: row.text(1), pipelineID: row.text(2), status: row.text(3), scheme: row.text(4), definition: row.text(5),
            version: row.int64(6), createdBy: row.optionalText(7), updatedBy: row.optionalText(8),
            createdAt: Date(storedMilliseconds: row.int64(9)), updatedAt: Date(storedMilliseconds: row.int64(10)),
            pipelineEndpointID: row.optionalText(11))
    }
}
