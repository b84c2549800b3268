import AzureML
import Foundation
import Observability
import Storage
import Synchronization

/// The run ledger's rules: a run is recorded as `Submitting` before anything is sent, forwarded with
/// its id as `tags.gateway_run_id`, and updated with Azure's answer — so a crash at any point leaves a
/// record that can be settled by that tag, and no run is ever sent twice.
final class RunLedger: Sendable {
    let store: any Store
    private let backend: AzureMLBackend
    private let logger: Logger
    private let now: @Sendable () -> Date
    /// Runs this process is forwarding right now; the reconciler leaves them alone.
    private let forwarding = Mutex<Set<String>>([])
    /// A submission ended unresolved: reconcile at the next background pass, not at the periodic one.
    private let reconcileSoon = Mutex(false)

    /// Whether a submission ended unresolved since the last call (and clears the request).
    func takeReconcileRequest() -> Bool {
        reconcileSoon.withLock { requested in
            defer { requested = false }
            return requested
        }
    }
    /// `gateway_runs_total{source,outcome}`: submissions by what started them and how they ended
    /// (`accepted`, `refused`, `unresolved`, `settled`).
    private let outcomes: CounterFamily

    /// How often a run's status is refreshed: often while young, rarely once it has run for an hour.
    static let youngRefresh: TimeInterval = 15
    static let oldRefresh: TimeInterval = 300
    static let youngAge: TimeInterval = 3600

    init(
        store: any Store, backend: AzureMLBackend, logger: Logger, metrics: MetricsRegistry,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        outcomes = metrics.counter(
            "gateway_runs_total", help: "Runs the gateway submitted, by source and outcome.", labelNames: ["source", "outcome"])
        self.store = store
        self.backend = backend
        self.logger = logger
        self.now = now
    }

    /// The Azure ML client (503 until the backend has started).
    func backendClient() throws -> AzureMLClient {
        try backend.client()
    }

    /// Records and forwards one run; with `idempotency`, a repeat gets the first answer instead.
    func trigger(_ request: TriggerRequest, idempotency: IdempotencyClaim?) async throws -> TriggerOutcome {
        let id = RandomUUID.makeTimeOrdered()
        let createdAt = now()
        let record = RunRecord(
            id: id, pipelineID: request.pipelineID, experimentName: request.experimentName, source: request.source,
            pipelineEndpointID: request.pipelineEndpointID, pipelineVersion: request.pipelineVersion, scheduleID: request.scheduleID, scheduledTime: request.scheduledTime, triggerFile: request.triggerFile,
            webhookID: request.webhookID, deliveryID: request.deliveryID, status: RunState.submitting,
            parameterAssignments: request.parameterAssignments, dataPathAssignments: request.dataPathAssignments,
            continueOnStepFailure: request.continueOnStepFailure, submission: request.encodeBody(id), createdAt: createdAt
        )
        let claim = idempotency.map {
            IdempotencyRecord(scope: $0.scope, key: $0.key, fingerprint: request.fingerprint, runID: id, createdAt: createdAt)
        }
        forwarding.withLock { _ = $0.insert(id) }
        defer { forwarding.withLock { _ = $0.remove(id) } }
        switch try await store.insertRun(record, idempotency: claim) {
        case .inserted:
            return await forward(record)
        case .duplicate(let existing):
            return try await repeatOutcome(existing, fingerprint: request.fingerprint)
        }
    }

    /// Stores the answer given for an idempotent request, so a repeat gets it byte for byte.
    func remember(_ claim: IdempotencyClaim?, status: Int, body: [UInt8]) async {
        guard let claim else { return }
        do {
            try await store.answerIdempotency(scope: claim.scope, key: claim.key, status: status, body: body)
        } catch {
            // The run itself is recorded; a repeat will be answered from the run instead.
            logger.warning("could not store an idempotent answer", ["error": .string(error.description)])
        }
    }

    /// Sends a recorded run and records Azure's answer.
    /// Forwards a run another component recorded (a schedule's fire, a released waiting fire).
    ///
    /// The run is claimed against reconciliation first: when the reconciler already holds it (it read
    /// the `Submitting` row between the insert and now), or has already settled it, it is left to the
    /// reconciler, which finds it by its tag or submits it once — never both of them.
    func forwardRecorded(_ record: RunRecord) async -> TriggerOutcome {
        guard forwarding.withLock({ $0.insert(record.id).inserted }) else {
            return .unresolved(record, AzureMLError(code: .transport, message: "being settled by reconciliation", operation: "submit"))
        }
        defer { forwarding.withLock { _ = $0.remove(record.id) } }
        // And the reconciler may have settled it and let go before this claim: send only what is still unsent.
        guard let current = try? await store.run(id: record.id), current.status == RunState.submitting else {
            let settled = (try? await store.run(id: record.id)) ?? record
            if settled.azureRunID != nil { return .accepted(settled) }
            return .unresolved(settled, AzureMLError(code: .transport, message: "settled by reconciliation", operation: "submit"))
        }
        return await forward(current)
    }

    /// Forwards a recorded run after the caller has answered (a webhook delivery's 202). The claim is
    /// taken now, before the answer, so the periodic reconciliation cannot take the run while its
    /// forward is merely queued (it would then wait on reconciliation's lookup instead of being sent).
    func forwardInBackground(_ record: RunRecord) {
        guard forwarding.withLock({ $0.insert(record.id).inserted }) else { return }
        Task {
            defer { forwarding.withLock { _ = $0.remove(record.id) } }
            _ = await forward(record)
        }
    }

    /// Sends a recorded run; the caller holds its claim in `forwarding`.
    func forward(_ record: RunRecord) async -> TriggerOutcome {
        let client: AzureMLClient
        do {
            client = try backend.client()
        } catch {
            let failure = AzureMLError(code: .transport, message: "the Azure ML client is not started", operation: "submit")
            return .refused(await markFailed(record, failure), failure)
        }
        do {
            let run = try await client.submit(record.submitTarget, encodedSubmission: Data(record.submission), gatewayRunID: record.id)
            outcomes.increment([record.source, "accepted"])
            return .accepted(await markAccepted(record, run))
        } catch where error.mayHaveBeenProcessed {
            outcomes.increment([record.source, "unresolved"])
            logger.warning("submission outcome unknown; the run stays Submitting until its tag is found", [
                "run_id": .string(record.id), "code": .string(error.code.rawValue),
            ])
            reconcileSoon.withLock { $0 = true }
            return .unresolved(record, error)
        } catch {
            outcomes.increment([record.source, "refused"])
            return .refused(await markFailed(record, error), error)
        }
    }

    /// Settles runs left `Submitting` by an earlier process (or an unresolved submit): finds each by its
    /// tag, or submits it now. Returns how many were settled.
    @discardableResult
    func reconcile() async -> Int {
        let pending: [RunRecord]
        do {
            pending = try await store.runsAwaitingSubmission()
        } catch {
            logger.warning("could not read runs awaiting submission", ["error": .string(error.description)])
            return 0
        }
        var settled = 0
        for record in pending {
            let claimed = forwarding.withLock { $0.insert(record.id).inserted }
            guard claimed else { continue }
            defer { forwarding.withLock { _ = $0.remove(record.id) } }
            // The list was read before the claim: a forward may have settled the run in between.
            guard let current = try? await store.run(id: record.id), current.status == RunState.submitting else { continue }
            guard let client = try? backend.client() else { return settled }
            do {
                let run = try await client.settle(record.submitTarget, encodedSubmission: Data(record.submission), gatewayRunID: record.id)
                _ = await markAccepted(record, run)
                outcomes.increment([record.source, "settled"])
                logger.info("settled a run left Submitting", ["run_id": .string(record.id), "azure_run_id": .string(run.id)])
                settled += 1
            } catch where error.mayHaveBeenProcessed {
                logger.warning("a run left Submitting is still unresolved", ["run_id": .string(record.id), "code": .string(error.code.rawValue)])
            } catch {
                _ = await markFailed(record, error)
                settled += 1
            }
        }
        return settled
    }

    /// Asks Azure for the status of runs whose refresh is due.
    @discardableResult
    func refreshDue(limit: Int = 100) async -> Int {
        let due: [RunRecord]
        do {
            due = try await store.runsDueForRefresh(at: now(), limit: limit)
        } catch {
            logger.warning("could not read runs due for refresh", ["error": .string(error.description)])
            return 0
        }
        var refreshed = 0
        for record in due {
            do {
                _ = try await refresh(record)
                refreshed += 1
            } catch {
                // Azure did not answer for this run (or no longer knows it): try again later rather
                // than at every pass, so one bad run cannot crowd out the others.
                let at = now()
                _ = try? await store.updateRun(
                    id: record.id, RunChange(nextRefreshAt: .some(at.addingTimeInterval(Self.oldRefresh)), updatedAt: at), durable: false)
            }
        }
        return refreshed
    }

    /// The run with its Azure status brought up to date when it is not final.
    func refresh(_ record: RunRecord) async throws -> RunRecord {
        guard let azureRunID = record.azureRunID, !RunState.isFinal(record.status) else { return record }
        let run = try await backend.client().run(id: azureRunID)
        let at = now()
        let change = RunChange(status: run.status, nextRefreshAt: .some(nextRefresh(for: record, status: run.status, at: at)), updatedAt: at)
        // A status can always be read again from Azure: no sync needed.
        return try await store.updateRun(id: record.id, change, durable: false) ?? record
    }

    func nextRefresh(for record: RunRecord, status: String, at: Date) -> Date? {
        guard !RunState.isFinal(status) else { return nil }
        let age = at.timeIntervalSince(record.createdAt)
        return at.addingTimeInterval(age < Self.youngAge ? Self.youngRefresh : Self.oldRefresh)
    }

    private func repeatOutcome(_ existing: IdempotencyRecord, fingerprint: [UInt8]) async throws -> TriggerOutcome {
        guard existing.fingerprint == fingerprint else { return .keyReused }
        if let status = existing.responseStatus, let body = existing.responseBody {
            return .replay(status: status, body: body, runID: existing.runID)
        }
        // Unanswered: still being forwarded here, or the process answering it stopped. In the latter
        // case the run tells the outcome once it has been settled.
        let inFlightHere = forwarding.withLock { $0.contains(existing.runID) }
        guard !inFlightHere, let run = try await store.run(id: existing.runID), run.status != RunState.submitting else {
            return .inFlight(runID: existing.runID)
        }
        if run.status == RunState.submitFailed {
            return .refused(run, AzureMLError(code: .badRequest, message: run.error ?? "Azure ML refused the run", operation: "submit"))
        }
        return .accepted(run)
    }

    private func markAccepted(_ record: RunRecord, _ run: PipelineRun) async -> RunRecord {
        let at = now()
        var updated = record
        // A run sent through an endpoint's default version learns its pipeline from Azure's answer.
        let learnedPipeline = record.pipelineID.isEmpty ? run.pipelineID.flatMap { $0.isEmpty ? nil : $0 } : nil
        updated.pipelineID = learnedPipeline ?? record.pipelineID
        updated.status = run.status
        updated.azureRunID = run.id
        updated.updatedAt = at
        updated.nextRefreshAt = nextRefresh(for: record, status: run.status, at: at)
        do {
            // Not synced: if it is lost, the run is still Submitting and is settled again by its tag.
            return try await store.updateRun(
                id: record.id,
                RunChange(
                    pipelineID: learnedPipeline, status: run.status, azureRunID: run.id, nextRefreshAt: .some(updated.nextRefreshAt), updatedAt: at),
                durable: false
            ) ?? updated
        } catch {
            // Azure has the run; the record stays Submitting and the reconciler finds it by its tag.
            logger.error("Azure accepted a run but the ledger could not record it; it will be reconciled", [
                "run_id": .string(record.id), "azure_run_id": .string(run.id), "error": .string(error.description),
            ])
            return updated
        }
    }

    private func markFailed(_ record: RunRecord, _ error: AzureMLError) async -> RunRecord {
        let at = now()
        let reason = [error.azureCode, error.message].compactMap { $0 }.joined(separator: ": ")
        var updated = record
        updated.status = RunState.submitFailed
        updated.error = reason
        updated.updatedAt = at
        do {
            return try await store.updateRun(
                id: record.id, RunChange(status: RunState.submitFailed, error: reason, nextRefreshAt: .some(nil), updatedAt: at)
            ) ?? updated
        } catch {
            logger.error("could not record a refused submission", ["run_id": .string(record.id), "error": .string(error.description)])
            return updated
        }
    }
}

/// The gateway's own run states and which states are final.
enum RunState {
    static let submitting = "Submitting"
    static let submitFailed = "SubmitFailed"
    static let skipped = "Skipped"
    static let missed = "Missed"
    /// A schedule's fire held back by `max_concurrent_runs` until one of its runs is final; not yet sent.
    static let waiting = "Waiting"

    static let finalStatuses = ["Finished", "Failed", "Canceled", "Cancelled", submitFailed, skipped, missed]
    private static let final = Set(finalStatuses)

    static func isFinal(_ status: String) -> Bool {
        final.contains(status)
    }
}
