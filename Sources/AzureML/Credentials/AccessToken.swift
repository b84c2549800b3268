public import Foundation

/// A bearer token and the instant it stops being valid.
///
/// The token text is never printed: `description` and `debugDescription` show only the expiry, so a
/// token interpolated into a log line or an error by mistake does not leak.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var token: String
    public var expiresOn: Date

    public init(token: String, expiresOn: Date) {
        self.token = token
        self.expiresOn = expiresOn
    }

    public var description: String {
        "AccessToken(redacted, expires \(rfc3339(expiresOn)))"
    }

    public var debugDescription: String { description }

    private func rfc3339(_ date: Date) -> String {
        let text = AzureTimestamp.format(date)
        // `2026-11-25T10:00:00.0000000+00:00` → `2026-11-25T10:00:00Z`, enough for a human.
        return String(text.prefix(19)) + "Z"
    }
}
