import AzureML
import Foundation
import Observability
import Scheduling
import Storage

/// The gateway's side of a fire: record the occurrence and its run in one durable transaction (so it
/// exists once whatever happens next), then submit through the same path as an API trigger and note
/// the outcome on the schedule. Occurrences the catchup policy passed over become `Missed` runs.
final class ScheduleFirer: FireSink {
    private let store: any Store
    private let ledger: RunLedger
    private let clock: any SchedulerClock
    private let slots: RunSlots
    private let watcher: DatastoreWatcher
    private let logger: Logger
    private let fires: CounterFamily
    /// Actual − scheduled time of each submitted occurrence.
    private let lateness: HistogramFamily

    init(store: any Store, ledger: RunLedger, watcher: DatastoreWatcher, clock: any SchedulerClock, logger: Logger, metrics: MetricsRegistry) {
        self.watcher = watcher
        self.store = store
        self.ledger = ledger
        self.clock = clock
        slots = RunSlots(store: store)
        self.logger = logger
        fires = metrics.counter("gateway_schedule_fires_total", help: "Schedule occurrences by outcome.", labelNames: ["outcome"])
        lateness = metrics.histogram(
            "gateway_schedule_fire_lateness_seconds", help: "How late each occurrence was recorded, after its scheduled time.",
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60])
    }

    /// Occurrences due at one wake-up: the plain ones (no cap, no overlap check, not a poll) are read
    /// with one query and recorded in writes of `claimChunk`, each queued as soon as it is built, so
    /// that a thousand schedules due at the same second are recorded in one or two commits; then
    /// they are sent.
    /// The others take the one-by-one path, concurrently.
    func fire(_ fires: [ScheduledFire]) async {
        guard fires.count > 1 else {
            if let only = fires.first { await fire(only) }
            return
        }
        let records: [ScheduleRecord]
        do {
            records = try await store.schedules(ids: Array(Set(fires.map(\.scheduleID))))
        } catch {
            logger.error("could not read the schedules of due fires; none was recorded", ["fires": .int(fires.count), "error": .string("\(error)")])
            self.fires.increment(["store_failed"], by: Double(fires.count))
            return
        }
        var known: [String: (ScheduleRecord, ScheduleDefinition)] = [:]
        for record in records where record.isActive {
            if let definition = ScheduleDefinition.decode(record.definition) { known[record.id] = (record, definition) }
        }
        var plain: [(ScheduledFire, ScheduleRecord, ScheduleDefinition)] = []
        var oneByOne: [(ScheduledFire, ScheduleRecord, ScheduleDefinition)] = []
        for fire in fires {
            guard let (schedule, definition) = known[fire.scheduleID] else { continue }
            if definition.isChangeBased || definition.maxConcurrentRuns != nil || definition.overlapPolicy == "skip" {
                oneByOne.append((fire, schedule, definition))
            } else {
                plain.append((fire, schedule, definition))
            }
        }
        // One schedule's fires go in the order they came due (a catch-up burst of a capped or
        // skip-overlap schedule: its oldest occurrence takes the free slot first); different
        // schedules' fires go at once.
        let bySchedule = Dictionary(grouping: oneByOne, by: { $0.1.id }).values.map { fires in fires.sorted { $0.0.scheduledTime < $1.0.scheduledTime } }
        await withTaskGroup(of: Void.self) { group in
            for ordered in bySchedule {
                group.addTask { for (fire, schedule, definition) in ordered { await self.fire(fire, schedule, definition) } }
            }
            group.addTask { [plain] in await self.claimThenSubmit(plain) }
        }
    }

    /// Records the plain occurrences of one wake-up, then sends the ones this process claimed.
    ///
    /// Each chunk is handed to the store as soon as it is built, so building and writing overlap and
    /// chunks that queue together share one commit (group commit). Sending waits until the whole
    /// burst is durable: the writes that follow each answer (the run's Azure id, the fire's outcome)
    /// would otherwise queue among the burst's later chunks and make them late.
    private func claimThenSubmit(_ plain: [(ScheduledFire, ScheduleRecord, ScheduleDefinition)]) async {
        let claimed = await withTaskGroup(of: [FireClaim].self) { group in
            for start in stride(from: 0, to: plain.count, by: Self.claimChunk) {
                let chunk = plain[start..<min(start + Self.claimChunk, plain.count)].map { fire, schedule, definition in
                    let run = runRecord(for: fire, schedule, definition)
                    return FireClaim(fire: FireRecord(scheduleID: schedule.id, scheduledTime: fire.scheduledTime, runID: run.id, claimedAt: Date()), run: run)
                }
                group.addTask { await self.claim(chunk) }
            }
            var claimed: [FireClaim] = []
            for await chunk in group { claimed += chunk }
            return claimed
        }
        await withTaskGroup(of: Void.self) { group in
            for claim in claimed {
                group.addTask { await self.submit(claim.run, scheduleID: claim.fire.scheduleID, scheduledTime: claim.fire.scheduledTime) }
            }
        }
    }

    /// Records a chunk of plain occurrences in one write; the ones this process claimed.
    private func claim(_ chunk: [FireClaim]) async -> [FireClaim] {
        let outcomes: [FireClaimOutcome]
        do {
            outcomes = try await store.claimFires(chunk)
        } catch {
            logger.error("could not record schedule fires; they were not submitted", ["fires": .int(chunk.count), "error": .string("\(error)")])
            fires.increment(["store_failed"], by: Double(chunk.count))
            return []
        }
        let now = clock.now()
        let claimed = zip(chunk, outcomes).filter { $0.1 == .claimed }.map(\.0)
        for claim in claimed { lateness.observe(max(0, now.timeIntervalSince(claim.fire.scheduledTime))) }
        return claimed
    }

    /// How many occurrences one write records.
    static let claimChunk = 250

    /// The run one occurrence of a time-based schedule starts, recorded `Submitting`.
    private func runRecord(for fire: ScheduledFire, _ schedule: ScheduleRecord, _ definition: ScheduleDefinition) -> RunRecord {
        let runID = RandomUUID.makeTimeOrdered()
        let body = definition.triggerBody
        return RunRecord(
            id: runID, pipelineID: schedule.pipelineID, experimentName: definition.experimentName, source: "schedule",
            scheduleID: schedule.id, scheduledTime: fire.scheduledTime, status: RunState.submitting,
            parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
            continueOnStepFailure: definition.continueOnStepFailure, submission: body.azureBody(gatewayRunID: runID), createdAt: Date()
        ).aimed(at: schedule, definition)
    }

    func fire(_ fire: ScheduledFire) async {
        guard let schedule = try? await store.schedule(id: fire.scheduleID), schedule.isActive,
            let definition = ScheduleDefinition.decode(schedule.definition)
        else { return }
        await self.fire(fire, schedule, definition)
    }

    /// One occurrence of a schedule already read (and found active).
    private func fire(_ fire: ScheduledFire, _ schedule: ScheduleRecord, _ definition: ScheduleDefinition) async {
        if definition.isChangeBased {
            await poll(schedule, definition, at: fire.scheduledTime)
            return
        }
        if definition.overlapPolicy == "skip", await previousRunIsActive(schedule.id) {
            await recordUnsent(fire, schedule, definition, status: RunState.skipped, error: "skipped: the schedule's previous run has not finished (overlap_policy skip)")
            fires.increment(["skipped"])
            return
        }
        let record = runRecord(for: fire, schedule, definition)
        let runID = record.id
        let claim = FireRecord(scheduleID: schedule.id, scheduledTime: fire.scheduledTime, runID: runID, claimedAt: Date())
        let recorded: RunRecord
        do {
            let outcome: FireClaimOutcome
            if let limit = definition.maxConcurrentRuns {
                (outcome, recorded) = try await slots.claim(claim, run: record, limit: limit)
            } else {
                (outcome, recorded) = (try await store.claimFire(claim, run: record), record)
            }
            guard outcome == .claimed else { return }
            lateness.observe(max(0, clock.now().timeIntervalSince(fire.scheduledTime)))
        } catch {
            logger.error("could not record a schedule fire; it was not submitted", [
                "schedule_id": .string(schedule.id), "scheduled_time": .string(rfc3339UTC(fire.scheduledTime)), "error": .string("\(error)"),
            ])
            fires.increment(["store_failed"])
            return
        }
        guard recorded.status != RunState.waiting else {
            fires.increment(["waiting"])
            logger.info("schedule fire waits for a free slot (max_concurrent_runs)", [
                "schedule_id": .string(schedule.id), "scheduled_time": .string(rfc3339UTC(fire.scheduledTime)), "run_id": .string(runID),
            ])
            return
        }
        await submit(recorded, scheduleID: schedule.id, scheduledTime: fire.scheduledTime)
    }

    /// A change-based schedule's occurrence is a poll of its folder: each new or changed blob's run is
    /// recorded with the seen-state, then sent (a few at a time) — or, under `max_concurrent_runs`,
    /// recorded `Waiting` and released oldest first.
    private func poll(_ schedule: ScheduleRecord, _ definition: ScheduleDefinition, at polledAt: Date) async {
        let capped = definition.maxConcurrentRuns != nil
        let runs = await watcher.poll(schedule, definition, at: polledAt, initialStatus: capped ? RunState.waiting : RunState.submitting)
        await send(runs, schedule, capped: capped, at: polledAt)
    }

    /// A blob Event Grid reported in a change-based schedule's folder: recorded against the watcher's
    /// seen-state (one run per version, whether push or poll sees it first) and sent like a poll's runs.
    /// Returns the runs it recorded (none when the version was seen already) once they are durable;
    /// sending them goes on in the background, so Event Grid gets its answer without waiting for Azure.
    func pushed(_ schedule: ScheduleRecord, _ definition: ScheduleDefinition, blob: SeenBlob, at receivedAt: Date) async -> [RunRecord] {
        let capped = definition.maxConcurrentRuns != nil
        let runs = await watcher.push(schedule, definition, blob: blob, at: receivedAt, initialStatus: capped ? RunState.waiting : RunState.submitting)
        if !runs.isEmpty { Task { await self.send(runs, schedule, capped: capped, at: receivedAt) } }
        return runs
    }

    /// Sends a folder's recorded runs a batch at a time; a capped schedule's wait for free slots.
    private func send(_ runs: [RunRecord], _ schedule: ScheduleRecord, capped: Bool, at polledAt: Date) async {
        guard !runs.isEmpty else { return }
        if capped {
            await releaseWaiting()
            return
        }
        for batch in stride(from: 0, to: runs.count, by: Self.sendBatch).map({ runs[$0..<min($0 + Self.sendBatch, runs.count)] }) {
            await withTaskGroup(of: Void.self) { group in
                for run in batch { group.addTask { await self.submit(run, scheduleID: schedule.id, scheduledTime: polledAt) } }
            }
        }
    }

    /// How many of one poll's runs are sent at once: enough to keep the connection pool busy, few
    /// enough that a folder of thousands of new files does not flood Azure.
    static let sendBatch = 16

    /// Sends a recorded fire's run and closes the fire with its outcome.
    private func submit(_ record: RunRecord, scheduleID: String, scheduledTime: Date) async {
        let outcome = await ledger.forwardRecorded(record)
        let (label, run): (String, RunRecord) = switch outcome {
        case .accepted(let run): ("submitted", run)
        case .refused(let run, _): ("submit_failed", run)
        case .unresolved(let run, _): ("unresolved", run)
        default: ("unresolved", record)
        }
        fires.increment([label])
        logger.info("schedule fired", [
            "schedule_id": .string(scheduleID), "scheduled_time": .string(rfc3339UTC(scheduledTime)), "run_id": .string(run.id),
            "azure_run_id": .string(run.azureRunID ?? ""), "outcome": .string(label),
            "lateness_ms": .int(Int(clock.now().timeIntervalSince(scheduledTime) * 1000)),
        ])
        // An unresolved submit stays unfinished: reconciliation settles the run, then the fire.
        guard label != "unresolved" else { return }
        try? await store.finishFire(scheduleID: scheduleID, scheduledTime: scheduledTime, outcome: run.status)
    }

    /// Sends the fires `max_concurrent_runs` held back, oldest first, as slots free; closes those of
    /// schedules disabled or deleted meanwhile as `Skipped`. Called after each status refresh pass.
    func releaseWaiting() async {
        let store = store
        let release: RunSlots.Release
        do {
            release = try await slots.release(limitOf: { scheduleID in
                guard let schedule = try? await store.schedule(id: scheduleID) else {
                    return .stopped(reason: "skipped: the schedule was deleted while this fire waited for a free slot")
                }
                guard schedule.isActive else {
                    return .stopped(reason: "skipped: the schedule was disabled while this fire waited for a free slot")
                }
                guard let limit = ScheduleDefinition.decode(schedule.definition)?.maxConcurrentRuns else { return .unlimited }
                return .limit(limit)
            }, now: Date())
        } catch {
            logger.warning("could not release waiting schedule fires", ["error": .string("\(error)")])
            return
        }
        for run in release.givenUp {
            guard let scheduleID = run.scheduleID, let scheduledTime = run.scheduledTime else { continue }
            fires.increment(["skipped"])
            try? await store.finishFire(scheduleID: scheduleID, scheduledTime: scheduledTime, outcome: run.status)
        }
        await withTaskGroup(of: Void.self) { group in
            for run in release.toSend {
                guard let scheduleID = run.scheduleID, let scheduledTime = run.scheduledTime else { continue }
                group.addTask { await self.submit(run, scheduleID: scheduleID, scheduledTime: scheduledTime) }
            }
        }
    }

    /// Each schedule is read once, however many of its times were passed over; a change-based
    /// schedule's missed polls record nothing (its next poll finds every file that arrived).
    func passedOver(_ passed: [ScheduledFire], policy: CatchupPolicy) async {
        var schedules: [String: (ScheduleRecord, ScheduleDefinition)?] = [:]
        for fire in passed {
            if schedules[fire.scheduleID] == nil {
                let schedule = try? await store.schedule(id: fire.scheduleID)
                schedules[fire.scheduleID] = schedule.flatMap { record in ScheduleDefinition.decode(record.definition).map { (record, $0) } }
            }
            guard let (schedule, definition) = schedules[fire.scheduleID] ?? nil, !definition.isChangeBased else { continue }
            let reason = "passed over by catchup '\(policy.rawValue)' while the gateway was not running"
            if await recordUnsent(fire, schedule, definition, status: RunState.missed, error: reason) { fires.increment(["missed"]) }
        }
    }

    /// Records an occurrence that sends nothing (skipped, missed) as a finished fire with its run.
    @discardableResult
    private func recordUnsent(_ fire: ScheduledFire, _ schedule: ScheduleRecord, _ definition: ScheduleDefinition, status: String, error: String) async -> Bool {
        let runID = RandomUUID.makeTimeOrdered()
        let body = definition.triggerBody
        let run = RunRecord(
            id: runID, pipelineID: schedule.pipelineID, experimentName: definition.experimentName, source: "schedule",
            scheduleID: schedule.id, scheduledTime: fire.scheduledTime, status: status,
            parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
            continueOnStepFailure: definition.continueOnStepFailure, submission: [], createdAt: Date(), error: error
        ).aimed(at: schedule, definition)
        let claim = FireRecord(scheduleID: schedule.id, scheduledTime: fire.scheduledTime, runID: runID, finished: true, claimedAt: Date())
        guard (try? await store.claimFire(claim, run: run)) == .claimed else { return false }
        try? await store.finishFire(scheduleID: schedule.id, scheduledTime: fire.scheduledTime, outcome: status)
        return true
    }

    /// Whether the schedule's newest run is still in progress (for `overlap_policy: skip`).
    private func previousRunIsActive(_ scheduleID: String) async -> Bool {
        guard let newest = try? await store.runs(RunFilter(scheduleID: scheduleID), limit: 5, cursor: nil).items else { return false }
        return newest.contains { !RunState.isFinal($0.status) }
    }

    /// After a restart: fires whose run has since been settled (by the ledger's reconciliation) are
    /// marked finished. Returns how many.
    func finishSettledFires() async -> Int {
        guard let unfinished = try? await store.unfinishedFires() else { return 0 }
        var finished = 0
        for fire in unfinished {
            // Submitting: reconciliation settles it first. Waiting: the release pass sends it.
            guard let run = try? await store.run(id: fire.runID), run.status != RunState.submitting, run.status != RunState.waiting else { continue }
            try? await store.finishFire(scheduleID: fire.scheduleID, scheduledTime: fire.scheduledTime, outcome: run.status)
            finished += 1
        }
        return finished
    }
}
