import Synchronization

/// Stops calling a service that keeps failing, so callers fail fast instead of each waiting out
/// timeouts and retries, and the service gets room to recover.
///
/// Closed: calls pass; `failureThreshold` consecutive failures (transport errors, timeouts, 5xx —
/// not 4xx, which prove the service is up) open it. Open: calls are refused with the time left until
/// `cooldown` has passed. Then one call is let through as a probe (half-open): its success closes the
/// circuit, its failure opens it again for another cooldown. Time comes from an injected clock so
/// tests step through the states without waiting.
public final class CircuitBreaker: Sendable {
    public enum State: Sendable, Hashable {
        case closed(consecutiveFailures: Int)
        case open(until: ContinuousClock.Instant)
        case halfOpen(probeInFlight: Bool)
    }

    public enum Permission: Sendable, Hashable {
        case allowed(isProbe: Bool)
        case refused(retryAfter: Duration)
    }

    public enum Result: Sendable, Hashable {
        /// The service answered in a way that shows it works (2xx, 4xx).
        case success
        /// Transport failure, timeout or 5xx.
        case failure
        /// Nothing learned (the call was cancelled, or never sent for a local reason).
        case neutral
    }

    public let failureThreshold: Int
    public let cooldown: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state: Mutex<State>

    public init(
        failureThreshold: Int = 5, cooldown: Duration = .seconds(30),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.failureThreshold = max(1, failureThreshold)
        self.cooldown = cooldown
        self.now = now
        state = Mutex(.closed(consecutiveFailures: 0))
    }

    public var currentState: State {
        state.withLock { $0 }
    }

    /// Asks to make one call. An `allowed(isProbe: true)` permission must be followed by `record`,
    /// or the circuit stays half-open with its probe outstanding.
    public func acquire() -> Permission {
        let now = now()
        return state.withLock { state -> Permission in
            switch state {
            case .closed:
                return .allowed(isProbe: false)
            case .open(let until):
                guard now >= until else { return .refused(retryAfter: until - now) }
                state = .halfOpen(probeInFlight: true)
                return .allowed(isProbe: true)
            case .halfOpen(let probeInFlight):
                guard !probeInFlight else { return .refused(retryAfter: min(cooldown, .seconds(1))) }
                state = .halfOpen(probeInFlight: true)
                return .allowed(isProbe: true)
            }
        }
    }

    /// Reports how a permitted call went. Results of ordinary calls that finish after the circuit
    /// opened are ignored: only the probe decides when it closes.
    public func record(_ result: Result, isProbe: Bool) {
        let now = now()
        state.withLock { state in
            switch (state, result, isProbe) {
            case (.halfOpen, .success, true):
                state = .closed(consecutiveFailures: 0)
            case (.halfOpen, .failure, true):
                state = .open(until: now + cooldown)
            case (.halfOpen, .neutral, true):
                state = .halfOpen(probeInFlight: false)
            case (.closed, .success, _):
                state = .closed(consecutiveFailures: 0)
            case (.closed(let failures), .failure, _):
                state = failures + 1 >= failureThreshold
                    ? .open(until: now + cooldown) : .closed(consecutiveFailures: failures + 1)
            case (.closed, .neutral, _), (.open, _, _), (.halfOpen, _, false):
                break
            }
        }
    }
}
