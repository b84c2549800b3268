/// Checks that a delivery comes from someone who knows one of the webhook's secrets.
///
/// Pure: no clock (`now` is passed in), no I/O, no state, so every scheme is tested with fixed
/// timestamps and signatures made by an independent implementation.
public enum WebhookVerifier {
    /// How far, in seconds, a signed timestamp may be from `now` either way (Standard Webhooks' and
    /// Stripe's five minutes): enough for clock skew and a slow sender, short enough to limit replays.
    public static let timestampTolerance: Double = 300

    /// Verifies over the raw body bytes, constant-time, against every given secret (up to 3 active, for rotation:
    /// any one matching passes). `now` is injected (seconds since 1970) so tests are deterministic.
    /// - Throws: `VerificationFailure` naming the failed check; its detail never quotes a secret or a signature.
    public static func verify(
        _ scheme: WebhookScheme, _ request: DeliveryRequest, secrets: [WebhookSecret], now: Double
    ) throws(VerificationFailure) -> VerifiedDelivery {
        switch scheme {
        case .standard:
            return try verifyStandard(request, secrets: secrets, now: now)
        case .github:
            return try verifyGitHub(request, secrets: secrets)
        case .stripe:
            return try verifyStripe(request, secrets: secrets, now: now)
        case .token:
            try verifyToken(request, secrets: secrets)
            return VerifiedDelivery(deliveryID: request.header("idempotency-key"))
        case .eventgrid:
            // Event Grid's ids are per event inside the body; the gateway reads them there.
            try verifyToken(request, secrets: secrets)
            return VerifiedDelivery(deliveryID: nil)
        }
    }

    /// Whether any of `signatures` is the HMAC-SHA256 of `message` under any of `keys`.
    ///
    /// Every (signature, key) pair is computed and compared, matched or not, so the time taken says
    /// nothing about which secret or which signature matched, or how close a forgery came.
    static func anySignatureMatches(_ signatures: [[UInt8]], keys: [[UInt8]], message: [UInt8]) -> Bool {
        Crypto.anyEqual(signatures, keys.compactMap { Crypto.hmacSHA256(key: $0, message: message) })
    }
}
