import AzureML
import Testing

@Suite("RetryPolicy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(200), maxDelay: .seconds(5))

    struct Row: Sendable, CustomTestStringConvertible {
        var outcome: RetryPolicy.Outcome
        var idempotent: Bool
        var submit: Bool
        var testDescription: String { "\(outcome)" }
    }

    static let rows: [Row] = [
        Row(outcome: .status(408, retryAfter: nil), idempotent: true, submit: false),
        Row(outcome: .status(429, retryAfter: nil), idempotent: true, submit: true),
        Row(outcome: .status(500, retryAfter: nil), idempotent: true, submit: false),
        Row(outcome: .status(501, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(502, retryAfter: nil), idempotent: true, submit: false),
        Row(outcome: .status(503, retryAfter: nil), idempotent: true, submit: true),
        Row(outcome: .status(504, retryAfter: nil), idempotent: true, submit: false),
        Row(outcome: .status(505, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(599, retryAfter: nil), idempotent: true, submit: false),
        Row(outcome: .status(400, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(401, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(403, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(404, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(409, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .status(422, retryAfter: nil), idempotent: false, submit: false),
        Row(outcome: .transport(.notSent), idempotent: true, submit: true),
        Row(outcome: .transport(.timedOut), idempotent: true, submit: false),
        Row(outcome: .transport(.connectionLost), idempotent: true, submit: false),
        Row(outcome: .transport(.other), idempotent: true, submit: false),
        Row(outcome: .transport(.cancelled), idempotent: false, submit: false),
    ]

    @Test(arguments: rows)
    func whichOutcomesRetry(_ row: Row) {
        #expect(policy.isRetryable(row.outcome, kind: .idempotent) == row.idempotent)
        #expect(policy.isRetryable(row.outcome, kind: .submit) == row.submit)
    }

    @Test(arguments: [
        (1, 0.0, Duration.zero), (1, 1.0, .milliseconds(200)), (1, 0.5, .milliseconds(100)),
        (2, 1.0, .milliseconds(400)), (3, 1.0, .milliseconds(800)), (3, 0.25, .milliseconds(200)),
        (6, 1.0, .seconds(5)),
        (40, 1.0, .seconds(5)), (2, 7.0, .milliseconds(400)), (2, -3.0, .zero),
    ] as [(Int, Double, Duration)])
    func fullJitterBackoff(_ attempt: Int, _ random: Double, _ expected: Duration) {
        #expect(policy.backoff(afterAttempt: attempt, unitRandom: random) == expected)
    }

    @Test func jitterStaysWithinTheWindow() {
        for attempt in 1...8 {
            let window = min(Duration.milliseconds(200 * (1 << (attempt - 1))), .seconds(5))
            for step in 0...20 {
                let delay = policy.backoff(afterAttempt: attempt, unitRandom: Double(step) / 20)
                #expect(delay >= .zero && delay <= window)
            }
        }
    }

    @Test func retryAfter_isHonouredOn429And503_only() {
        let retryAfter = Duration.seconds(2)
        #expect(
            policy.decision(
                after: .status(429, retryAfter: retryAfter), kind: .idempotent, attempt: 1, elapsed: .zero,
                deadline: .seconds(15), unitRandom: 0.5
            ) == .retry(after: .seconds(2))
        )
        #expect(
            policy.decision(
                after: .status(503, retryAfter: retryAfter), kind: .submit, attempt: 1, elapsed: .zero,
                deadline: .seconds(30), unitRandom: 0.5
            ) == .retry(after: .seconds(2))
        )
        #expect(
            policy.decision(
                after: .status(500, retryAfter: retryAfter), kind: .idempotent, attempt: 1, elapsed: .zero,
                deadline: .seconds(15), unitRandom: 0.5
            ) == .retry(after: .milliseconds(100)), "a 500's Retry-After is not a throttling instruction"
        )
    }

    @Test func stopsAtMaxAttempts_andAtTheDeadline() {
        #expect(
            policy.decision(
                after: .status(500, retryAfter: nil), kind: .idempotent, attempt: 4, elapsed: .zero,
                deadline: .seconds(15), unitRandom: 0.5
            ) == .stop(.attemptsExhausted)
        )
        #expect(
            policy.decision(
                after: .status(500, retryAfter: nil), kind: .idempotent, attempt: 3, elapsed: .zero,
                deadline: .seconds(15), unitRandom: 0.5
            ) == .retry(after: .milliseconds(400))
        )
        #expect(
            policy.decision(
                after: .status(429, retryAfter: .seconds(20)), kind: .idempotent, attempt: 1, elapsed: .zero,
                deadline: .seconds(15), unitRandom: 0.5
            ) == .stop(.deadline), "a Retry-After past the deadline gives up at once"
        )
        #expect(
            policy.decision(
                after: .transport(.timedOut), kind: .idempotent, attempt: 1, elapsed: .milliseconds(14_950),
                deadline: .seconds(15), unitRandom: 1
            ) == .stop(.deadline)
        )
        #expect(
            policy.decision(
                after: .status(500, retryAfter: nil), kind: .submit, attempt: 1, elapsed: .zero,
                deadline: .seconds(30), unitRandom: 0.5
            ) == .stop(.notRetryable)
        )
    }

    @Test func atLeastOneAttempt() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(
            RetryPolicy(maxAttempts: 1).decision(
                after: .status(503, retryAfter: nil), kind: .idempotent, attempt: 1, elapsed: .zero,
                deadline: .seconds(15), unitRandom: 0
            ) == .stop(.attemptsExhausted)
        )
    }
}
