import Synchronization

/// One call in flight: the request, and the caller's continuation, resumed exactly once with whichever
/// outcome comes first — the answer or failure from the curl thread, or the caller's cancellation.
final class CurlJob: Sendable {
    typealias Outcome = Result<TransportResponse, TransportFailure>

    let request: CurlRequest
    /// When the call's time is up, counted from its submission: waiting in the engine's queue for a
    /// transfer slot spends the same budget as connecting and transferring.
    let deadline: ContinuousClock.Instant

    private struct State {
        var continuation: CheckedContinuation<Outcome, Never>?
        /// An outcome that arrived before the continuation (cancellation before the call started).
        var early: Outcome?
        var finished = false
    }

    private let state = Mutex(State())

    init(_ request: CurlRequest) {
        self.request = request
        deadline = .now + .milliseconds(request.timeoutMilliseconds)
    }

    func arm(_ continuation: CheckedContinuation<Outcome, Never>) {
        let early = state.withLock { state -> Outcome? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Delivers `outcome` unless one was delivered already; returns whether this one won.
    @discardableResult
    func finish(_ outcome: Outcome) -> Bool {
        let (won, continuation) = state.withLock { state -> (Bool, CheckedContinuation<Outcome, Never>?) in
            guard !state.finished else { return (false, nil) }
            state.finished = true
            guard let continuation = state.continuation else {
                state.early = outcome
                return (true, nil)
            }
            state.continuation = nil
            return (true, continuation)
        }
        continuation?.resume(returning: outcome)
        return won
    }

    var isFinished: Bool {
        state.withLock { $0.finished }
    }
}
