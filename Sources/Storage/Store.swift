public import Foundation

/// The gateway's durable state, as the rest of the code sees it.
///
/// Everything above the store depends on this protocol only, so SQLite (embedded default) and
/// Postgres (replicas) can pass the same test suite. Every write returns only once it is durable:
/// an acknowledged run is never lost by a crash.
public protocol Store: Sendable {
    /// Records a new run — and, when `idempotency` is given, claims its key in the same
    /// transaction. When the key is taken, nothing is stored and the existing claim comes back.
    func insertRun(_ run: RunRecord, idempotency: IdempotencyRecord?) async throws(StoreError) -> RunInsertOutcome

    /// Applies `change` to the run; returns the run as stored afterwards, nil if there is no such run.
    ///
    /// With `durable: false` the change survives a crash of the process but not necessarily a power
    /// loss; for changes the gateway can redo (a status read from Azure, the outcome of a submit that
    /// reconciliation finds again by the run's tag).
    @discardableResult
    func updateRun(id: String, _ change: RunChange, durable: Bool) async throws(StoreError) -> RunRecord?

    func run(id: String) async throws(StoreError) -> RunRecord?

    /// Newest first; `cursor` is a previous page's `nextCursor`.
    func runs(_ filter: RunFilter, limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<RunRecord>

    /// Runs whose status refresh is due at `date`, oldest due first.
    func runsDueForRefresh(at date: Date, limit: Int) async throws(StoreError) -> [RunRecord]

    /// Runs recorded as `Submitting` — after a crash, the ones whose outcome must be reconciled.
    func runsAwaitingSubmission() async throws(StoreError) -> [RunRecord]

    /// Runs in `status`, oldest first (e.g. the fires waiting for a free slot, in the order they came due).
    func oldestRuns(status: String, limit: Int) async throws(StoreError) -> [RunRecord]

    /// How many of the schedule's runs have a status that matches (e.g. how many are not final).
    func countRuns(scheduleID: String, status: StatusMatch) async throws(StoreError) -> Int

    /// Applies `change` only if the run is still in `status` — a compare-and-set, so of two deciders
    /// only one moves a run on. Nil when the run is not (or no longer) in `status`.
    func transitionRun(id: String, from status: String, _ change: RunChange) async throws(StoreError) -> RunRecord?

    func idempotencyRecord(scope: String, key: String) async throws(StoreError) -> IdempotencyRecord?

    /// Stores the answer given to the request that claimed the key.
    func answerIdempotency(scope: String, key: String, status: Int, body: [UInt8]) async throws(StoreError)

    // MARK: Schedules

    /// Stores a new schedule — for a change-based one together with its baseline (`seen`: what is in
    /// the folder at creation, which never triggers), in one transaction.
    func insertSchedule(_ schedule: ScheduleRecord, seen: [SeenBlob]) async throws(StoreError)

    func schedule(id: String) async throws(StoreError) -> ScheduleRecord?

    /// By creation, oldest first; `activeOnly` like `Schedule.list`; nil filters match every schedule.
    func schedules(
        activeOnly: Bool, pipelineID: String?, pipelineEndpointID: String?, limit: Int, cursor: Int64?
    ) async throws(StoreError) -> StoredPage<ScheduleRecord>

    /// Every active schedule, for the scheduler to load at start.
    func activeSchedules() async throws(StoreError) -> [ScheduleRecord]

    /// The schedules with these ids (those that exist), in no particular order: one read for a burst
    /// of fires due at the same instant.
    func schedules(ids: [String]) async throws(StoreError) -> [ScheduleRecord]

    /// Replaces the schedule if its stored version is `expectedVersion`; the stored copy gets version + 1.
    func replaceSchedule(_ schedule: ScheduleRecord, expectedVersion: Int64) async throws(StoreError) -> ScheduleUpdateOutcome

    /// What a change-based schedule has seen in its folder.
    func seenBlobs(scheduleID: String) async throws(StoreError) -> [SeenBlob]

    /// A new baseline (at enable or update): what is in the folder now never triggers.
    func replaceSeenBlobs(scheduleID: String, with blobs: [SeenBlob]) async throws(StoreError)

    /// One poll's outcome in one transaction: the runs it starts (as recorded, e.g. `Submitting`), the
    /// blobs now seen, the names forgotten, and `polledAt` as the schedule's last fire when a run
    /// started — so a crash can neither lose a file's run nor start it twice.
    ///
    /// A run whose blob (`triggerFile`) is already seen at the version in `seen` is left out: another
    /// poll (or a push) recorded that version first, and a blob version starts one run per schedule.
    /// Returns the runs stored; nil, storing nothing, when the schedule is no longer active.
    func recordFolderChanges(
        scheduleID: String, runs: [RunRecord], seen: [SeenBlob], forgotten: [String], polledAt: Date
    ) async throws(StoreError) -> [RunRecord]?

    /// Deletes the schedule (its fire records go with it; its runs stay in the ledger). False if unknown.
    func deleteSchedule(id: String) async throws(StoreError) -> Bool

    /// Records that the scheduler fired `fire`'s occurrence, together with the run it starts, in one
    /// durable transaction — or finds the occurrence already recorded and stores nothing.
    func claimFire(_ fire: FireRecord, run: RunRecord) async throws(StoreError) -> FireClaimOutcome

    /// `claimFire` for many occurrences in one durable transaction (a burst due at one instant pays
    /// for one commit); the outcomes are in the order of `claims`.
    func claimFires(_ claims: [FireClaim]) async throws(StoreError) -> [FireClaimOutcome]

    /// Marks the occurrence's submission as settled and notes it on the schedule.
    func finishFire(scheduleID: String, scheduledTime: Date, outcome: String) async throws(StoreError)

    /// Occurrences claimed but not finished — after a crash, the ones whose runs must be settled.
    func unfinishedFires() async throws(StoreError) -> [FireRecord]

    // MARK: Webhooks

    /// Stores a new webhook with its secrets, in one transaction.
    func insertWebhook(_ webhook: WebhookRecord, secrets: [WebhookSecretRecord]) async throws(StoreError)

    func webhook(id: String) async throws(StoreError) -> WebhookRecord?

    /// By creation, oldest first.
    func webhooks(limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<WebhookRecord>

    /// Replaces the webhook if its stored version is `expectedVersion` — and, when `secrets` is given,
    /// its whole set of secrets in the same transaction.
    func replaceWebhook(_ webhook: WebhookRecord, secrets: [WebhookSecretRecord]?, expectedVersion: Int64) async throws(StoreError)
        -> WebhookUpdateOutcome

    /// Deletes the webhook with its secrets and delivery log (its runs stay in the ledger). False if unknown.
    func deleteWebhook(id: String) async throws(StoreError) -> Bool

    /// The webhook's secrets, oldest first.
    func webhookSecrets(webhookID: String) async throws(StoreError) -> [WebhookSecretRecord]

    /// Adds a secret unless the webhook already has `limit`.
    func addWebhookSecret(webhookID: String, _ secret: WebhookSecretRecord, limit: Int) async throws(StoreError) -> WebhookSecretChange

    /// Retires the secret with this hint, unless it is the webhook's last one.
    func removeWebhookSecret(webhookID: String, hint: String) async throws(StoreError) -> WebhookSecretChange

    /// Appends to the webhook's delivery log (not synced on its own: the run a delivery starts is,
    /// through `insertRun`).
    func recordDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError)

    /// Newest first; `cursor` is a previous page's `nextCursor`.
    func deliveries(webhookID: String, limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<WebhookDeliveryRecord>

    /// Deletes final runs last updated before `runsBefore`, webhook deliveries received before it, and
    /// keys created before `keysBefore`.
    func prune(finishedRunsBefore runsBefore: Date, keysBefore: Date) async throws(StoreError) -> PruneResult

    /// An online, consistent copy of the whole store into a new file.
    func backup(to path: String) async throws(StoreError)

    /// Proves a write still succeeds (for `/readyz`).
    func checkWritable() async throws(StoreError)

    /// Waits for queued writes, then closes.
    func close()
}

extension Store {
    public func insertSchedule(_ schedule: ScheduleRecord) async throws(StoreError) {
        try await insertSchedule(schedule, seen: [])
    }

    /// Schedules by creation, filtered by pipeline only (`Schedule.list(ws, pipeline_id=…)`).
    public func schedules(activeOnly: Bool, pipelineID: String?, limit: Int, cursor: Int64?) async throws(StoreError) -> StoredPage<ScheduleRecord> {
        try await schedules(activeOnly: activeOnly, pipelineID: pipelineID, pipelineEndpointID: nil, limit: limit, cursor: cursor)
    }

    /// A durable update.
    @discardableResult
    public func updateRun(id: String, _ change: RunChange) async throws(StoreError) -> RunRecord? {
        try await updateRun(id: id, change, durable: true)
    }
}

/// How many rows a prune removed.
public struct PruneResult: Sendable, Equatable {
    public var runs: Int
    public var idempotencyKeys: Int
    public var deliveries: Int

    public init(runs: Int, idempotencyKeys: Int, deliveries: Int = 0) {
        self.runs = runs
        self.idempotencyKeys = idempotencyKeys
        self.deliveries = deliveries
    }
}

/// A set of run statuses to count by.
public enum StatusMatch: Sendable, Equatable {
    case anyOf([String])
    case noneOf([String])
}
