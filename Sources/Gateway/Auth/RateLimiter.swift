import Foundation
import Synchronization

/// A token bucket per API key (DESIGN "Trigger validation": `GATEWAY_RATE_LIMIT`): each key may
/// burst up to `burst` requests, then `perSecond`. Buckets are independent, so one noisy caller
/// cannot starve another.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Double
    }

    private let setting: Mutex<RateLimitSetting>
    private let buckets = Mutex<[String: Bucket]>([:])
    private let now: @Sendable () -> Double

    init(_ setting: RateLimitSetting, now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.setting = Mutex(setting)
        self.now = now
    }

    /// Takes one token for `key`: nil when allowed, else the whole seconds until a token is back.
    func acquire(_ key: String) -> Int? {
        let limit = setting.withLock { $0 }
        guard !limit.isUnlimited else { return nil }
        let time = now()
        return buckets.withLock { buckets -> Int? in
            var bucket = buckets[key] ?? Bucket(tokens: limit.burst, updatedAt: time)
            bucket.tokens = min(limit.burst, bucket.tokens + (time - bucket.updatedAt) * limit.perSecond)
            bucket.updatedAt = time
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / limit.perSecond).rounded(.up)))
        }
    }
}
