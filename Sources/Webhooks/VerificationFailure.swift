/// Why a delivery was refused (401), in terms a sender's operator can act on.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The check that failed; its raw value is what the problem answer and `/deliveries` report.
    public enum Check: String, Sendable {
        /// A header (or the token) the scheme requires was not sent.
        case missingHeader
        /// A header was sent but is not in the scheme's format (bad base64 or hex, no `v1`, a non-integer timestamp).
        case malformedHeader
        /// The signed timestamp is more than 300 s in the past: a replay, or a sender retrying an old signature.
        case staleTimestamp
        /// The signed timestamp is more than 300 s in the future: the sender's clock is off.
        case futureTimestamp
        /// Well-formed signatures, none of which any active secret produces (wrong secret or altered body).
        case noMatchingSignature
        /// Neither `Authorization: Bearer` nor `?code=` was sent.
        case missingToken
        /// A token was sent that matches no active secret.
        case wrongToken
    }

    /// Which check failed.
    public var check: Check
    /// Human sentence naming the header/parameter and what was wrong; NEVER contains a secret, an expected
    /// signature, or the received signature value.
    public var detail: String

    /// A failure of `check`, explained by `detail`.
    public init(check: Check, detail: String) {
        self.check = check
        self.detail = detail
    }

    /// `check: detail`, for logs.
    public var description: String { "\(check.rawValue): \(detail)" }
}
