import Foundation
import Synchronization

/// A clock tests move by hand, so run progression and token expiry are tested without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: Double) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The closure `AzureMLEmulator` takes.
    var closure: @Sendable () -> Date { { self.now } }
}
