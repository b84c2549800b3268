import Foundation

extension Optional where Wrapped == AzureTimestamp {
    /// The date, unless absent or the service's "never set" sentinel.
    var meaningful: Date? {
        guard let timestamp = self, !timestamp.isUnsetSentinel else { return nil }
        return timestamp.date
    }
}
