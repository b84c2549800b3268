import Foundation
import Synchronization

/// What the route groups need to know about the running emulator: where it listens (for
/// self-links) and whether it is shutting down (so injected delays end early instead of holding
/// shutdown for their whole length).
final class EmulatorLifecycle: Sendable {
    private let boundURL = Mutex<String?>(nil)
    private let stopping = Atomic<Bool>(false)

    var baseURL: String? { boundURL.withLock { $0 } }

    func setBaseURL(_ url: String) {
        boundURL.withLock { $0 = url }
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    func beginStopping() {
        stopping.store(true, ordering: .relaxed)
    }

    /// Sleeps `milliseconds` in short steps, returning early once shutdown has begun. Suspends the
    /// task, never a thread.
    func pause(milliseconds: Int) async {
        let deadline = ContinuousClock.now + .milliseconds(milliseconds)
        while !isStopping {
            let left = deadline - ContinuousClock.now
            if left <= .zero { return }
            try? await Task.sleep(for: min(left, .milliseconds(25)))
        }
    }
}
