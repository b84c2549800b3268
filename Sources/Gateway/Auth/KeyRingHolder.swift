import Synchronization

/// The API keys in force, replaceable while serving (`SIGHUP` re-reads `GATEWAY_API_KEYS`), so a key
/// can be rotated or revoked without a restart.
final class KeyRingHolder: Sendable {
    private let ring: Mutex<APIKeyRing>

    init(_ ring: APIKeyRing) {
        self.ring = Mutex(ring)
    }

    var current: APIKeyRing { ring.withLock { $0 } }

    func replace(_ new: APIKeyRing) {
        ring.withLock { $0 = new }
    }
}
