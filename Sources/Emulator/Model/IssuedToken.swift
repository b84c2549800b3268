import Foundation

/// An access token the emulator handed out, remembered so later calls can be checked against it.
struct IssuedToken: Sendable {
    var accessToken: String
    var caller: Caller
    var audience: String
    var issuedAt: Date
    var expiresAt: Date

    /// Whole seconds since 1970 of the expiry, the `expires_on` value token endpoints send.
    var expiresOn: Int { Int(expiresAt.timeIntervalSince1970.rounded(.down)) }
    var notBefore: Int { Int(issuedAt.timeIntervalSince1970.rounded(.down)) }
}
