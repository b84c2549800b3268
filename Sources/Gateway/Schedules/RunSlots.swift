import Foundation
import Storage

/// `max_concurrent_runs`: a schedule's runs that are not final take a slot each; a fire that finds no
/// free slot — or finds earlier fires already waiting — is recorded `Waiting` and sent, oldest first,
/// once a slot frees.
///
/// Every decision that reads the count and then records a run holds this actor's lock from the count
/// to the write (an actor alone would interleave at each `await`), so a fire and a release can never
/// both take the last slot. The store's compare-and-set on `Waiting` keeps a
/// waiting run from being sent twice even across processes.
actor RunSlots {
    private let store: any Store

    /// Statuses that do not take a slot: final ones, and `Waiting` itself (those runs were not sent).
    static let freeStatuses = RunState.finalStatuses + [RunState.waiting]

    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(store: any Store) {
        self.store = store
    }

    private func lock() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the lock to the next waiter in arrival order, or frees it.
    private func unlock() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }

    /// Records the occurrence with its run, as `Submitting` when a slot is free and nothing waits
    /// ahead of it, else as `Waiting`. Returns the claim's outcome and the run as recorded.
    func claim(_ fire: FireRecord, run: RunRecord, limit: Int) async throws(StoreError) -> (FireClaimOutcome, RunRecord) {
        await lock()
        defer { unlock() }
        var run = run
        let waitingAhead = try await store.countRuns(scheduleID: fire.scheduleID, status: .anyOf([RunState.waiting]))
        let busy = try await store.countRuns(scheduleID: fire.scheduleID, status: .noneOf(Self.freeStatuses))
        if waitingAhead > 0 || busy >= limit { run.status = RunState.waiting }
        return (try await store.claimFire(fire, run: run), run)
    }

    /// What a release pass decided: runs now `Submitting` to send, runs given up (`Skipped`) to close.
    struct Release: Sendable {
        var toSend: [RunRecord] = []
        var givenUp: [RunRecord] = []
    }

    /// Moves waiting runs on: for each schedule, as many of its oldest waiting runs as it has free
    /// slots become `Submitting` (the caller sends them). Waiting runs of a schedule that was deleted
    /// or disabled become `Skipped`: disabling stops fires, and enabling never replays.
    func release(limitOf: @Sendable (String) async -> SlotLimit, now: Date) async throws(StoreError) -> Release {
        await lock()
        defer { unlock() }
        var release = Release()
        let waiting = try await store.oldestRuns(status: RunState.waiting, limit: 1_000)
        var free: [String: Int] = [:]
        var limits: [String: SlotLimit] = [:]
        for run in waiting {
            guard let scheduleID = run.scheduleID else { continue }
            let limit: SlotLimit
            if let known = limits[scheduleID] {
                limit = known
            } else {
                limit = await limitOf(scheduleID)
                limits[scheduleID] = limit
            }
            switch limit {
            case .stopped(let reason):
                let change = RunChange(status: RunState.skipped, error: reason, nextRefreshAt: .some(nil), updatedAt: now)
                if let skipped = try await store.transitionRun(id: run.id, from: RunState.waiting, change) { release.givenUp.append(skipped) }
                continue
            case .unlimited:
                break
            case .limit(let count):
                if free[scheduleID] == nil {
                    let busy = try await store.countRuns(scheduleID: scheduleID, status: .noneOf(Self.freeStatuses))
                    free[scheduleID] = count - busy
                }
                guard let slots = free[scheduleID], slots > 0 else { continue }
                free[scheduleID] = slots - 1
            }
            let change = RunChange(status: RunState.submitting, updatedAt: now)
            if let moved = try await store.transitionRun(id: run.id, from: RunState.waiting, change) { release.toSend.append(moved) }
        }
        return release
    }

    /// A schedule's cap as the release pass sees it.
    enum SlotLimit: Sendable {
        case limit(Int)
        /// The cap was removed: everything waiting may go.
        case unlimited
        /// Deleted or disabled: waiting fires are not sent.
        case stopped(reason: String)
    }
}
