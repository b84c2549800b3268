/// When a failed attempt is tried again, and after how long. Pure: the caller supplies the attempt
/// count, the elapsed time and a random number, so every rule is testable without I/O or sleeping.
///
/// Rules:
/// - Idempotent requests (GET, and the status PUT, which sets a value rather than adding one) are
///   retried on 408, 429 and 5xx except 501/505, and on any transport failure.
/// - A submit (POST) is retried only when Azure certainly did not act on it: the connection was never
///   made, or Azure answered 429 or 503 (it refused the request). A timeout, a broken connection or
///   another 5xx may have created a run, so it surfaces to the caller, who reconciles by tag.
/// - The wait is exponential backoff with full jitter (`random × min(cap, base × 2^(n-1))`), unless a
///   429/503 carries `Retry-After`, which is honoured as given.
/// - No retry is started that would end past the deadline, nor beyond `maxAttempts`.
public struct RetryPolicy: Sendable, Hashable {
    public enum RequestKind: Sendable, Hashable {
        /// Safe to repeat: reads and the status PUT.
        case idempotent
        /// Creates something (a run): repeated only when it certainly did not arrive.
        case submit
    }

    /// What one attempt ended with.
    public enum Outcome: Sendable, Hashable {
        case status(Int, retryAfter: Duration?)
        case transport(TransportFailure.Kind)
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        case stop(StopReason)
    }

    public enum StopReason: Sendable, Hashable {
        case notRetryable
        case attemptsExhausted
        /// Waiting (for backoff or `Retry-After`) would pass the deadline.
        case deadline
    }

    /// Attempts in total, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Whether `outcome` may be tried again at all for a request of `kind`.
    public func isRetryable(_ outcome: Outcome, kind: RequestKind) -> Bool {
        switch (outcome, kind) {
        case (.status(let status, _), .idempotent):
            return status == 408 || status == 429 || ((500...599).contains(status) && status != 501 && status != 505)
        case (.status(let status, _), .submit):
            return status == 429 || status == 503
        case (.transport(let failure), .idempotent):
            return failure != .cancelled
        case (.transport(let failure), .submit):
            return failure == .notSent
        }
    }

    /// The jittered backoff before attempt `attempt + 1`, given that `attempt` attempts (≥ 1) failed.
    /// `unitRandom` in `0...1` picks the point in the window.
    public func backoff(afterAttempt attempt: Int, unitRandom: Double) -> Duration {
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let window = min(maxDelay.inSeconds, baseDelay.inSeconds * pow2(exponent))
        let fraction = min(max(unitRandom, 0), 1)
        return .nanoseconds(Int64((window * fraction * 1e9).rounded()))
    }

    /// What to do after attempt number `attempt` (1-based) ended with `outcome`, `elapsed` after the
    /// operation started, when it must be over by `deadline` (measured from the same start).
    public func decision(
        after outcome: Outcome, kind: RequestKind, attempt: Int, elapsed: Duration, deadline: Duration,
        unitRandom: Double
    ) -> Decision {
        guard isRetryable(outcome, kind: kind) else { return .stop(.notRetryable) }
        guard attempt < maxAttempts else { return .stop(.attemptsExhausted) }
        var delay = backoff(afterAttempt: attempt, unitRandom: unitRandom)
        if case .status(let status, let retryAfter?) = outcome, status == 429 || status == 503 {
            delay = retryAfter
        }
        guard elapsed + delay < deadline else { return .stop(.deadline) }
        return .retry(after: delay)
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
