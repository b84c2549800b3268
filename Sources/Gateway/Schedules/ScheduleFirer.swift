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
    private let logger: Logger
    private let fires: CounterFamily
    /// Actual − scheduled time of each submitted occurrence.
    private let lateness: HistogramFamily

    init(store: any Store, ledger: RunLedger, logger: Logger, metrics: MetricsRegistry) {
        self.store = store
        self.ledger = ledger
        self.logger = logger
        fires = metrics.counter("gateway_schedule_fires_total", help: "Schedule occurrences by outcome.", labelNames: ["outcome"])
        lateness = metrics.histogram(
            "gateway_schedule_fire_lateness_seconds", help: "How late each occurrence was recorded, after its scheduled time.",
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60])
    }

    func fire(_ fire: ScheduledFire) async {
        guard let schedule = try? await store.schedule(id: fire.scheduleID), schedule.isActive,
            let definition = ScheduleDefinition.decode(schedule.definition)
        else { return }
        if definition.overlapPolicy == "skip", await previousRunIsActive(schedule.id) {
            await recordUnsent(fire, schedule, definition, status: RunState.skipped, error: "skipped: the schedule's previous run has not finished (overlap_policy skip)")
            fires.increment(["skipped"])
            return
        }
        let runID = RandomUUID.make()
        let body = definition.triggerBody
        let record = RunRecord(
            id: runID, pipelineID: schedule.pipelineID, experimentName: definition.experimentName, source: "schedule",
            scheduleID: schedule.id, scheduledTime: fire.scheduledTime, status: RunState.submitting,
            parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
            continueOnStepFailure: definition.continueOnStepFailure, submission: body.azureBody(gatewayRunID: runID), createdAt: Date())
        let claim = FireRecord(scheduleID: schedule.id, scheduledTime: fire.scheduledTime, runID: runID, claimedAt: Date())
        do {
            guard try await store.claimFire(claim, run: record) == .claimed else { return }
            lateness.observe(max(0, Date().timeIntervalSince(fire.scheduledTime)))
        } catch {
            logger.error("could not record a schedule fire; it was not submitted", [
                "schedule_id": .string(schedule.id), "scheduled_time": .string(rfc3339UTC(fire.scheduledTime)), "error": .string("\(error)"),
            ])
            fires.increment(["store_failed"])
            return
        }
        let outcome = await ledger.forward(record)
        let (label, run): (String, RunRecord) = switch outcome {
        case .accepted(let run): ("submitted", run)
        case .refused(let run, _): ("submit_failed", run)
        case .unresolved(let run, _): ("unresolved", run)
        default: ("unresolved", record)
        }
        fires.increment([label])
        logger.info("schedule fired", [
            "schedule_id": .string(schedule.id), "scheduled_time": .string(rfc3339UTC(fire.scheduledTime)), "run_id": .string(run.id),
            "azure_run_id": .string(run.azureRunID ?? ""), "outcome": .string(label),
            "lateness_ms": .int(Int(Date().timeIntervalSince(fire.scheduledTime) * 1000)),
        ])
        // An unresolved submit stays unfinished: reconciliation settles the run, then the fire.
        guard label != "unresolved" else { return }
        try? await store.finishFire(scheduleID: schedule.id, scheduledTime: fire.scheduledTime, outcome: run.status)
    }

    func passedOver(_ passed: [ScheduledFire], policy: CatchupPolicy) async {
        for fire in passed {
            guard let schedule = try? await store.schedule(id: fire.scheduleID),
                let definition = ScheduleDefinition.decode(schedule.definition)
            else { continue }
            let reason = "passed over by catchup '\(policy.rawValue)' while the gateway was not running"
            if await recordUnsent(fire, schedule, definition, status: RunState.missed, error: reason) { fires.increment(["missed"]) }
        }
    }

    /// Records an occurrence that sends nothing (skipped, missed) as a finished fire with its run.
    @discardableResult
    private func recordUnsent(_ fire: ScheduledFire, _ schedule: ScheduleRecord, _ definition: ScheduleDefinition, status: String, error: String) async -> Bool {
        let runID = RandomUUID.make()
        let body = definition.triggerBody
        let run = RunRecord(
            id: runID, pipelineID: schedule.pipelineID, experimentName: definition.experimentName, source: "schedule",
            scheduleID: schedule.id, scheduledTime: fire.scheduledTime, status: status,
            parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
            continueOnStepFailure: definition.continueOnStepFailure, submission: [], createdAt: Date(), error: error)
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
            guard let run = try? await store.run(id: fire.runID), run.status != RunState.submitting else { continue }
            try? await store.finishFire(scheduleID: fire.scheduleID, scheduledTime: fire.scheduledTime, outcome: run.status)
            finished += 1
        }
        return finished
    }
}
