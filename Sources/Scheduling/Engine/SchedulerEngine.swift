public import Foundation
import Synchronization

/// Keeps the next fire of every active schedule in a priority queue and wakes at the earliest one — no
/// polling: idle, it sleeps until the next due time (or until a schedule changes).
///
/// Fires are handed to the `FireSink` each in its own task, so a slow submission never delays the next
/// due fire. Arming a schedule accounts for downtime: occurrences between its last fire and now are
/// planned by its `CatchupPolicy` before the queue takes over.
public actor SchedulerEngine {
    private let clock: any SchedulerClock
    private let sink: any FireSink
    /// Each armed schedule's calendar and the generation its queue entries carry (one table, not two:
    /// at 100,000 schedules every per-schedule byte counts).
    private var armedSchedules: [String: Armed] = [:]
    /// Generations of disarmed schedules: a re-arm continues from here, so stale queue entries stay stale.
    private var lastGenerations: [String: Int] = [:]
    private var queue = FireQueue()
    private var sleeper: Task<Void, Never>?
    private var sleepingUntil: Date?
    private var inFlight: [Task<Void, Never>] = []
    /// How many schedules are armed, readable without entering the actor (a metrics gauge reads it).
    private nonisolated let armed = Mutex(0)

    /// At most this many missed occurrences are looked at when a schedule is armed after downtime.
    static let catchupHorizon = 1_000

    private struct Armed {
        var calendar: any FireCalendar
        var generation: Int
    }

    /// One schedule to arm, for `armAll`.
    public struct Arming: Sendable {
        public var scheduleID: String
        public var calendar: any FireCalendar
        public var lastFired: Date?
        public var catchup: CatchupPolicy

        public init(scheduleID: String, calendar: any FireCalendar, lastFired: Date?, catchup: CatchupPolicy) {
            self.scheduleID = scheduleID
            self.calendar = calendar
            self.lastFired = lastFired
            self.catchup = catchup
        }
    }

    public init(clock: any SchedulerClock, sink: any FireSink) {
        self.clock = clock
        self.sink = sink
    }

    /// Arms (or re-arms, after an update or an enable) a schedule.
    ///
    /// - Parameters:
    ///   - lastFired: the newest occurrence already recorded, nil if it never fired.
    ///   - catchup: applied to the occurrences in `(lastFired, now]` — those that came due while nothing
    ///     was armed (the gateway was down). A re-armed schedule that was enabled passes `.none`
    ///     implicitly by passing `lastFired: now` (enabling never replays what was missed while disabled).
    public func arm(_ scheduleID: String, calendar: any FireCalendar, lastFired: Date?, catchup: CatchupPolicy) async {
        await armAll([Arming(scheduleID: scheduleID, calendar: calendar, lastFired: lastFired, catchup: catchup)])
    }

    /// `arm` for many schedules in one call: at start, 100,000 schedules are armed in batches rather
    /// than with one actor hop each.
    public func armAll(_ batch: [Arming]) async {
        let now = clock.now()
        var due: [ScheduledFire] = []
        for item in batch {
            let scheduleID = item.scheduleID
            let generation = (armedSchedules[scheduleID]?.generation ?? lastGenerations[scheduleID] ?? 0) + 1
            lastGenerations[scheduleID] = nil
            armedSchedules[scheduleID] = Armed(calendar: item.calendar, generation: generation)
            // Bounded: after a very long downtime only this many missed times are planned (and reported).
            let missed = item.calendar.occurrences(after: item.lastFired, through: now, limit: Self.catchupHorizon)
            let plan = item.catchup.plan(missed)
            if !plan.passOver.isEmpty {
                await sink.passedOver(plan.passOver.map { ScheduledFire(scheduleID: scheduleID, scheduledTime: $0) }, policy: item.catchup)
            }
            due += plan.fire.map { ScheduledFire(scheduleID: scheduleID, scheduledTime: $0) }
            let next: Date? = item.lastFired == nil && missed.isEmpty
                ? item.calendar.firstFireTime
                : item.calendar.nextFireTime(after: max(now, item.lastFired ?? now))
            if let next { enqueue(scheduleID, at: next, generation: generation) }
        }
        armed.withLock { $0 = armedSchedules.count }
        if !due.isEmpty { dispatch(due) }
    }

    /// Stops a schedule (disabled or deleted): its pending fire is dropped at once.
    public func disarm(_ scheduleID: String) {
        if let generation = armedSchedules.removeValue(forKey: scheduleID)?.generation { lastGenerations[scheduleID] = generation }
        armed.withLock { $0 = armedSchedules.count }
    }

    /// The next time `scheduleID` will fire, if armed.
    public func nextFireTime(of scheduleID: String) -> Date? {
        guard let generation = armedSchedules[scheduleID]?.generation else { return nil }
        // The queue is small to scan only in tests; the engine itself never scans it.
        var copy = queue
        while let entry = copy.popFirst() {
            if entry.scheduleID == scheduleID && entry.generation == generation { return entry.time }
        }
        return nil
    }

    public var armedCount: Int { armedSchedules.count }

    /// `armedCount`, without waiting for the actor.
    public nonisolated var armedSnapshot: Int { armed.withLock { $0 } }

    /// Fires due occurrences until the calling task is cancelled; then waits for fires in flight.
    ///
    /// Everything due at one wake-up goes to the sink as one batch (a thousand schedules due at the
    /// same second are recorded in one transaction, not a thousand).
    public func run() async {
        while !Task.isCancelled {
            dropStaleHead()
            let now = clock.now()
            var due: [ScheduledFire] = []
            while let head = queue.first, head.time <= now, due.count < Self.maximumBatch {
                _ = queue.popFirst()
                if let armed = armedSchedules[head.scheduleID], armed.generation == head.generation {
                    due.append(ScheduledFire(scheduleID: head.scheduleID, scheduledTime: head.time))
                    // Enqueued at once: a next time already due joins this batch, so one schedule's
                    // catch-up occurrences reach the sink together and in order.
                    if let next = armed.calendar.nextFireTime(after: head.time) { enqueue(head.scheduleID, at: next, generation: head.generation) }
                }
                dropStaleHead()
            }
            if !due.isEmpty {
                dispatch(due)
                continue
            }
            await sleep(until: queue.first?.time ?? .distantFuture)
        }
        for task in inFlight { await task.value }
        inFlight.removeAll()
    }

    /// The most occurrences handed to the sink at once.
    static let maximumBatch = 2_000

    private func dispatch(_ fires: [ScheduledFire]) {
        let sink = sink
        inFlight.removeAll { $0.isCancelled }
        let task = Task { await sink.fire(fires) }
        inFlight.append(task)
        if inFlight.count > 1024 {
            // Keep the list bounded: finished tasks hold nothing, so forget the oldest references.
            inFlight.removeFirst(inFlight.count - 1024)
        }
    }

    private func enqueue(_ scheduleID: String, at time: Date, generation: Int) {
        queue.push(FireQueue.Entry(time: time, scheduleID: scheduleID, generation: generation))
        if let sleepingUntil, time < sleepingUntil { sleeper?.cancel() }
    }

    private func dropStaleHead() {
        while let head = queue.first, armedSchedules[head.scheduleID]?.generation != head.generation {
            _ = queue.popFirst()
        }
    }

    /// Sleeps until `deadline`, or until an earlier fire is armed, or the run is cancelled.
    private func sleep(until deadline: Date) async {
        let clock = clock
        let task = Task<Void, Never> {
            do { try await clock.sleep(until: deadline) } catch {}
        }
        sleeper = task
        sleepingUntil = deadline
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        sleeper = nil
        sleepingUntil = nil
    }
}
