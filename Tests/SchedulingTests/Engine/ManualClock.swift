import Foundation
import Scheduling
import Synchronization

/// A clock the test moves by hand; sleepers wake when it passes their deadline or are cancelled.
final class ManualClock: SchedulerClock {
    private struct Waiter {
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var waiters: [UUID: Waiter] = [:]
        var cancelled: Set<UUID> = []
        var deadlines: [Date] = []
    }

    private let state: Mutex<State>

    init(_ now: Date) {
        state = Mutex(State(now: now))
    }

    func now() -> Date { state.withLock { $0.now } }

    /// Every deadline a sleeper asked for, in order: shows the engine sleeps rather than polls.
    var requestedDeadlines: [Date] { state.withLock { $0.deadlines } }

    func sleep(until deadline: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    state.deadlines.append(deadline)
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.waiters[id] = Waiter(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return waiter
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    func advance(to date: Date) {
        let woken = state.withLock { state -> [Waiter] in
            state.now = date
            let due = state.waiters.filter { $0.value.deadline <= date }
            for id in due.keys { state.waiters[id] = nil }
            return Array(due.values)
        }
        for waiter in woken { waiter.continuation.resume() }
    }
}

/// Records what the engine decided.
actor RecordingSink: FireSink {
    private(set) var fired: [ScheduledFire] = []
    private(set) var passed: [ScheduledFire] = []

    func fire(_ fire: ScheduledFire) async { fired.append(fire) }

    func passedOver(_ fires: [ScheduledFire], policy: CatchupPolicy) async { passed.append(contentsOf: fires) }

    /// Waits (briefly, for real) until `count` fires arrived; fires are delivered by tasks of their own.
    func waitForFires(_ count: Int) async -> [ScheduledFire] {
        for _ in 0..<500 where fired.count < count {
            try? await Task.sleep(for: .milliseconds(2))
        }
        return fired
    }
}
