import Foundation
import Synchronization

/// Values read from Azure ML, kept for a short time and answerable without suspending: a trigger
/// whose lookups are all cached is validated on the connection's event loop with no task hop.
final class ExpiringCache<Value: Sendable>: Sendable {
    private let ttl: TimeInterval
    private let capacity: Int
    private let entries = Mutex<[String: (value: Value, storedAt: TimeInterval)]>([:])
    private let now: @Sendable () -> TimeInterval

    init(ttl: TimeInterval, capacity: Int = 10_000, now: @escaping @Sendable () -> TimeInterval) {
        self.ttl = ttl
        self.capacity = capacity
        self.now = now
    }

    /// The value stored under `key`, if still fresh.
    func value(_ key: String) -> Value? {
        let time = now()
        return entries.withLock { entries in
            guard let entry = entries[key], time - entry.storedAt < ttl else { return nil }
            return entry.value
        }
    }

    /// Stores `value`; past `capacity` entries, the stale ones are dropped.
    func store(_ value: Value, for key: String) {
        let time = now()
        entries.withLock { entries in
            entries[key] = (value, time)
            if entries.count > capacity { entries = entries.filter { time - $0.value.storedAt < ttl } }
        }
    }

    func forget(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
