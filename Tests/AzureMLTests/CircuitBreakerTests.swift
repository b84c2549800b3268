import AzureML
import Synchronization
import Testing

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    final class Clock: Sendable {
        let start = ContinuousClock.now
        private let offset = Mutex<Duration>(.zero)
        var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
        func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
    }

    func makeBreaker(_ clock: Clock) -> CircuitBreaker {
        CircuitBreaker(failureThreshold: 5, cooldown: .seconds(30), now: { clock.now })
    }

    func fail(_ breaker: CircuitBreaker, times: Int) {
        for _ in 0..<times {
            guard case .allowed(let isProbe) = breaker.acquire() else { return }
            breaker.record(.failure, isProbe: isProbe)
        }
    }

    @Test func opensAfterFiveConsecutiveFailures() {
        let clock = Clock()
        let breaker = makeBreaker(clock)
        fail(breaker, times: 4)
        #expect(breaker.currentState == .closed(consecutiveFailures: 4))
        #expect(breaker.acquire() == .allowed(isProbe: false))
        breaker.record(.failure, isProbe: false)
        #expect(breaker.acquire() == .refused(retryAfter: .seconds(30)))
        clock.advance(.seconds(10))
        #expect(breaker.acquire() == .refused(retryAfter: .seconds(20)))
    }

    @Test func aSuccessOrA4xxResetsTheCount() {
        let breaker = makeBreaker(Clock())
        fail(breaker, times: 4)
        breaker.record(.success, isProbe: false)
        #expect(breaker.currentState == .closed(consecutiveFailures: 0))
        fail(breaker, times: 4)
        breaker.record(.neutral, isProbe: false)
        #expect(breaker.currentState == .closed(consecutiveFailures: 4), "a neutral result changes nothing")
    }

    @Test func afterTheCooldown_oneProbeGoesThrough_andItsSuccessCloses() {
        let clock = Clock()
        let breaker = makeBreaker(clock)
        fail(breaker, times: 5)
        clock.advance(.seconds(30))
        #expect(breaker.acquire() == .allowed(isProbe: true))
        #expect(breaker.acquire() == .refused(retryAfter: .seconds(1)), "only one probe at a time")
        breaker.record(.success, isProbe: true)
        #expect(breaker.currentState == .closed(consecutiveFailures: 0))
        #expect(breaker.acquire() == .allowed(isProbe: false))
    }

    @Test func aFailedProbeReopensForAnotherCooldown() {
        let clock = Clock()
        let breaker = makeBreaker(clock)
        fail(breaker, times: 5)
        clock.advance(.seconds(31))
        #expect(breaker.acquire() == .allowed(isProbe: true))
        breaker.record(.failure, isProbe: true)
        #expect(breaker.acquire() == .refused(retryAfter: .seconds(30)))
    }

    @Test func aNeutralProbeLetsTheNextCallerProbe() {
        let clock = Clock()
        let breaker = makeBreaker(clock)
        fail(breaker, times: 5)
        clock.advance(.seconds(30))
        #expect(breaker.acquire() == .allowed(isProbe: true))
        breaker.record(.neutral, isProbe: true)
        #expect(breaker.acquire() == .allowed(isProbe: true))
    }

    @Test func lateResultsOfOrdinaryCallsDoNotCloseAnOpenCircuit() {
        let clock = Clock()
        let breaker = makeBreaker(clock)
        fail(breaker, times: 5)
        breaker.record(.success, isProbe: false)
        #expect(breaker.acquire() == .refused(retryAfter: .seconds(30)))
    }
}
