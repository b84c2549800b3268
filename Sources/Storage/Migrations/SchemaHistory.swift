/// Every schema version, oldest first. `PRAGMA user_version` records how far a database has come.
enum SchemaHistory {
    static let migrations: [Migration] = [
        Migration(
            version: 1,
            summary: "run ledger and idempotency keys",
            sql: """
                CREATE TABLE runs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    pipeline_id TEXT NOT NULL,
                    experiment_name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    pipeline_endpoint_id TEXT,
                    pipeline_version TEXT,
                    schedule_id TEXT,
                    scheduled_time INTEGER,
                    trigger_file TEXT,
                    webhook_id TEXT,
                    delivery_id TEXT,
                    azure_run_id TEXT,
                    status TEXT NOT NULL,
                    parameter_assignments TEXT NOT NULL,
                    data_path_assignments TEXT NOT NULL,
                    continue_on_step_failure INTEGER,
                    submission BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    error TEXT,
                    next_refresh_at INTEGER
                );
                CREATE INDEX runs_by_pipeline ON runs(pipeline_id, seq);
                CREATE INDEX runs_by_schedule ON runs(schedule_id, seq) WHERE schedule_id IS NOT NULL;
                CREATE INDEX runs_by_status ON runs(status, seq);
                CREATE INDEX runs_by_refresh ON runs(next_refresh_at) WHERE next_refresh_at IS NOT NULL;
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint BLOB NOT NULL,
                    run_id TEXT NOT NULL,
                    response_status INTEGER,
                    response_body BLOB,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_by_age ON idempotency_keys(created_at);
                CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), touched_at INTEGER NOT NULL);
                """
        ),
        Migration(
            version: 2,
            summary: "schedules and their fire records",
            sql: """
                CREATE TABLE schedules (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    pipeline_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created_by TEXT,
                    updated_by TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    last_fire_at INTEGER,
                    last_outcome TEXT,
                    next_fire_at INTEGER
                );
                CREATE INDEX schedules_by_pipeline ON schedules(pipeline_id, seq);
                CREATE INDEX schedules_active ON schedules(seq) WHERE status = 'Active';
                CREATE TABLE schedule_fires (
                    schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
                    scheduled_time INTEGER NOT NULL,
                    run_id TEXT NOT NULL,
                    finished INTEGER NOT NULL,
                    claimed_at INTEGER NOT NULL,
                    PRIMARY KEY (schedule_id, scheduled_time)
                ) WITHOUT ROWID;
                CREATE INDEX schedule_fires_unfinished ON schedule_fires(claimed_at) WHERE finished = 0;
                """
        ),
        Migration(
            version: 3,
            summary: "what change-based schedules have seen in their folders",
            sql: """
                CREATE TABLE datastore_seen (
                    schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
                    blob_name TEXT NOT NULL,
                    etag TEXT NOT NULL,
                    last_modified INTEGER NOT NULL,
                    PRIMARY KEY (schedule_id, blob_name)
                ) WITHOUT ROWID;
                """
        ),
        Migration(
            version: 4,
            summary: "webhooks, their secrets and their deliveries",
            sql: """
                CREATE TABLE webhooks (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    pipeline_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    scheme TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created_by TEXT,
                    updated_by TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE webhook_secrets (
                    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    hint TEXT NOT NULL,
                    value TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (webhook_id, hint)
                ) WITHOUT ROWID;
                CREATE TABLE webhook_deliveries (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    delivery_id TEXT,
                    received_at INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    reason TEXT,
                    run_id TEXT,
                    status INTEGER NOT NULL
                );
                CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, seq);
                CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries(received_at);
                """
        ),
        Migration(
            version: 5,
            summary: "a fire record keeps its outcome; a schedule's last fire is read from its fire records",
            // A fire no longer rewrites its schedule's row (a random page of the largest table, twice
            // per fire): the newest fire record already says when it fired, and now with what outcome.
            // `schedules.last_fire_at`/`last_outcome` stay for change-based polls, which record no fire.
            sql: """
                ALTER TABLE schedule_fires ADD COLUMN outcome TEXT;
                """
        ),
        Migration(
            version: 6,
            summary: "pipeline endpoints as the target of schedules and webhooks",
            // The run ledger has had pipeline_endpoint_id and pipeline_version since version 1. A
            // schedule or webhook names exactly one target: pipeline_id stays NOT NULL (SQLite cannot
            // relax it without rebuilding the table) and holds '' when the endpoint is the target.
            sql: """
                ALTER TABLE schedules ADD COLUMN pipeline_endpoint_id TEXT;
                ALTER TABLE webhooks ADD COLUMN pipeline_endpoint_id TEXT;
                CREATE INDEX schedules_by_endpoint ON schedules(pipeline_endpoint_id, seq) WHERE pipeline_endpoint_id IS NOT NULL;
                """
        ),
    ]

    static var latestVersion: Int { migrations.last?.version ?? 0 }
}
