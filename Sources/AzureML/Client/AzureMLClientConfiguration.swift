/// Time limits, retries and circuit breaking of an `AzureMLClient`. The defaults are the gateway's
/// contract (DESIGN "Trigger validation"): reads within 15 s, a submit within 30 s in attempts of at
/// most 10 s, the circuit opening after 5 consecutive failures for 30 s.
public struct AzureMLClientConfiguration: Sendable, Hashable {
    /// Total time a read (or the status PUT), retries included, may take.
    public var readTimeout: Duration = .seconds(15)
    /// Longest single HTTP attempt.
    public var attemptTimeout: Duration = .seconds(10)
    /// Total time a submit, retries included, may take.
    public var submitDeadline: Duration = .seconds(30)
    /// Attempts per call, the first included.
    public var maxAttempts: Int = 4
    /// First backoff window; doubled per attempt, with full jitter.
    public var backoffBase: Duration = .milliseconds(200)
    /// Largest backoff window.
    public var backoffCap: Duration = .seconds(5)
    /// Consecutive failures that open the circuit.
    public var breakerThreshold: Int = 5
    /// How long an open circuit refuses calls before letting a probe through.
    public var breakerCooldown: Duration = .seconds(30)
    /// The token scope for the pipelines service (the ARM audience).
    public var scope: String = "https://management.azure.com/.default"

    public init() {}

    var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, baseDelay: backoffBase, maxDelay: backoffCap)
    }
}
