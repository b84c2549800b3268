import AzureML
import Foundation
import Synchronization

/// Virtual time for the client: `sleep` records the request and advances both clocks at once, so
/// backoff and `Retry-After` paths run instantly and tests can assert on the delays asked for.
final class TestClock: Sendable {
    let start = ContinuousClock.now
    let wallStart: Date
    private let offset = Mutex<Duration>(.zero)
    private let recordedSleeps = Mutex<[Duration]>([])

    init(wallStart: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.wallStart = wallStart
    }

    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }

    var wallNow: Date {
        let elapsed = offset.withLock { $0 }
        return wallStart.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    var sleeps: [Duration] { recordedSleeps.withLock { $0 } }

    func advance(by duration: Duration) {
        offset.withLock { $0 += duration }
    }

    var clock: AzureMLClock {
        AzureMLClock(
            now: { [self] in now },
            wallClock: { [self] in wallNow },
            sleep: { [self] duration in
                recordedSleeps.withLock { $0.append(duration) }
                advance(by: duration)
            }
        )
    }
}
