public import Foundation

/// The sources of time the client uses, injectable so tests control them.
///
/// `now` is monotonic (deadlines, the circuit breaker), `wallClock` is calendar time (token expiry,
/// `Retry-After` dates), and `sleep` waits between retries. A test clock can make `sleep` advance
/// `now` instantly, so backoff and `Retry-After` paths run without real waiting.
public struct AzureMLClock: Sendable {
    public var now: @Sendable () -> ContinuousClock.Instant
    public var wallClock: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        wallClock: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.now = now
        self.wallClock = wallClock
        self.sleep = sleep
    }

    /// Real time.
    public static let system = AzureMLClock(
        now: { ContinuousClock.now },
        wallClock: { Date() },
        sleep: { duration in try await Task.sleep(for: duration) }
    )
}
