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
    private var calendars: [String: any FireCalendar] = [:]
    private var generations: [String: Int] = [:]
    private var queue = FireQueue()
    private var sleeper: Task<Void, Never>?
    private var sleepingUntil: Date?
    private var inFlight: [Task<Void, Never>] = []
    /// How many schedules are armed, readable without entering the actor (a metrics gauge reads it).
    private nonisolated let armed = Mutex(0)

    /// At most this many missed occurrences are looked at when a schedule is armed after downtime.
    static let catchupHorizon = 1_000

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
        let generation = (generations[scheduleID] ?? 0) + 1
        generations[scheduleID] = generation
        calendars[scheduleID] = calendar
        armed.withLock { $0 = calendars.count }
        let now = clock.now()
        // Bounded: after a very long downtime only this many missed times are planned (and reported).
        let due = calendar.occurrences(after: lastFired, through: now, limit: Self.catchupHorizon)
        let plan = catchup.plan(due)
        if !plan.passOver.isEmpty {
            await sink.passedOver(plan.passOver.map { ScheduledFire(scheduleID: scheduleID, scheduledTime: $0) }, policy: catchup)
        }
        for time in plan.fire { dispatch(ScheduledFire(scheduleID: scheduleID, scheduledTime: time)) }
        let next: Date? = lastFired == nil && due.isEmpty
            ? calendar.firstFireTime
            : calendar.nextFireTime(after: max(now, lastFired ?? now))
        if let next { enqueue(scheduleID, at: next, generation: generation) }
    }

    /// Stops a schedule (disabled or deleted): its pending fire is dropped at once.
    public func disarm(_ scheduleID: String) {
        generations[scheduleID] = (generations[scheduleID] ?? 0) + 1
        calendars[scheduleID] = nil
        armed.withLock { $0 = calendars.count }
    }

    /// The next time `scheduleID` will fire, if armed.
    public func nextFireTime(of scheduleID: String) -> Date? {
        guard let generation = generations[scheduleID], calendars[scheduleID] != nil else { return nil }
        // The queue is small to scan only in tests; the engine itself never scans it.
        var copy = queue
        while let entry = copy.popFirst() {
            if entry.scheduleID == scheduleID && entry.generation == generation { return entry.time }
        }
        return nil
    }

    public var armedCount: Int { calendars.count }

    /// `armedCount`, without waiting for the actor.
    public nonisolated var armedSnapshot: Int { armed.withLock { $0 } }

    /// Fires due occurrences until the calling task is cancelled; then waits for fires in flight.
    public func run() async {
        while !Task.isCancelled {
            dropStaleHead()
            let now = clock.now()
            if let head = queue.first, head.time <= now {
                _ = queue.popFirst()
                dispatch(ScheduledFire(scheduleID: head.scheduleID, scheduledTime: head.time))
                if let calendar = calendars[head.scheduleID], let next = calendar.nextFireTime(after: head.time) {
                    enqueue(head.scheduleID, at: next, generation: head.generation)
                }
                continue
            }
            await sleep(until: queue.first?.time ?? .distantFuture)
        }
        for task in inFlight { await task.value }
        inFlight.removeAll()
    }

    private func dispatch(_ fire: ScheduledFire) {
        let sink = sink
        inFlight.removeAll { $0.isCancelled }
        let task = Task { await sink.fire(fire) }
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
        while let head = queue.first, generations[head.scheduleID] != head.generation || calendars[head.scheduleID] == nil {
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
