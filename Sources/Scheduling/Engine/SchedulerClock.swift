public import Foundation

/// Time as the scheduler sees it: injected, so tests move it by hand and never sleep for real minutes.
public protocol SchedulerClock: Sendable {
    func now() -> Date
    /// Returns once `deadline` has come, or throws `CancellationError` when the calling task is cancelled
    /// (the engine cancels its sleep when an earlier fire is scheduled).
    func sleep(until deadline: Date) async throws
}

/// The wall clock, for `serve`.
public struct SystemSchedulerClock: SchedulerClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else { return }
        // A far-off deadline (an empty queue) is capped; the engine simply looks again. The tolerance
        // is explicit: without one the timer may fire up to a tenth of the wait late (dispatch's
        // default leeway), tens of milliseconds for a fire a second away.
        let wait = Duration.microseconds(Int64((min(seconds, 86_400) * 1_000_000).rounded(.up)))
        try await Task.sleep(until: .now + wait, tolerance: Self.tolerance, clock: .continuous)
    }

    /// How late the wake-up for a due fire may be.
    static let tolerance: Duration = .milliseconds(1)
}
