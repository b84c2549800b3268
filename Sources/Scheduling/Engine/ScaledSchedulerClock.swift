public import Foundation

/// A clock that runs `scale` times faster than the wall clock from `origin` on, for tests only
/// (`--clock-scale`, refused without `GATEWAY_TESTING=1`).
///
/// Its time is a pure function of the wall clock, so a process restarted with the same origin and
/// scale continues the same timeline: the crash storm test can kill the gateway and find the missed
/// occurrences where the real clock would have put them, only minutes become seconds.
public struct ScaledSchedulerClock: SchedulerClock {
    public let scale: Double
    public let origin: Date

    public init(scale: Double, origin: Date) {
        self.scale = scale
        self.origin = origin
    }

    public func now() -> Date {
        origin.addingTimeInterval(Date().timeIntervalSince(origin) * scale)
    }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now()) / scale
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(min(seconds, 86_400) * 1000)))
    }
}
