import JSON

extension WebhookVerifier {
    /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, each `v1` an HMAC-SHA256 of `{t}.{body}`
    /// keyed with the secret's UTF-8 bytes; other schemes' entries (`v0`) are skipped. Several `v1` entries
    /// appear while Stripe rolls a secret. The delivery id is the event's `id`, which Stripe keeps across retries.
    static func verifyStripe(_ request: DeliveryRequest, secrets: [WebhookSecret], now: Double) throws(VerificationFailure) -> VerifiedDelivery {
        let header = try request.requiredHeader("stripe-signature", displayName: "Stripe-Signature")
        let (timestampText, signatures) = try stripeFields(header)
        try verifyTimestamped(
            .stripe, signatures: signatures, timestamp: timestampText, signedPrefix: "\(timestampText).",
            names: TimestampedNames(timestamp: "Stripe-Signature's t", signatureHeader: "Stripe-Signature", signedContent: "{t}.{raw body}"),
            request: request, secrets: secrets, now: now)
        return VerifiedDelivery(deliveryID: stripeEventID(request.body))
    }

    /// The `t` text and the decoded `v1` signatures of a `Stripe-Signature` header.
    private static func stripeFields(_ header: String) throws(VerificationFailure) -> (timestamp: Substring, signatures: [[UInt8]]) {
        var timestamp: Substring?
        var signatures: [[UInt8]] = []
        for item in header.split(separator: ",") {
            let pair = item.trimmingASCIIWhitespace()
            guard let equals = pair.firstIndex(of: "=") else {
                throw VerificationFailure(check: .malformedHeader, detail: "Stripe-Signature must be comma-separated key=value pairs")
            }
            let value = pair[pair.index(after: equals)...]
            switch pair[..<equals] {
            case "t":
                guard timestamp == nil else {
                    throw VerificationFailure(check: .malformedHeader, detail: "Stripe-Signature has more than one t")
                }
                timestamp = value
            case "v1":
                guard let signature = Hex.decode(value), signature.count == Crypto.digestLength else {
                    throw VerificationFailure(
                        check: .malformedHeader, detail: "a v1 entry of Stripe-Signature is not 64 hex digits (an HMAC-SHA256)")
                }
                signatures.append(signature)
            default:
                continue
            }
        }
        guard let timestamp else {
            throw VerificationFailure(check: .malformedHeader, detail: "Stripe-Signature has no t=<unix seconds> entry")
        }
        guard !signatures.isEmpty else {
            throw VerificationFailure(check: .malformedHeader, detail: "Stripe-Signature has no v1=<hex> entry")
        }
        return (timestamp, signatures)
    }

    /// The top-level `"id"` of a Stripe event body (`evt_…`); nil when the body is not a JSON object
    /// with a string id.
    private static func stripeEventID(_ body: [UInt8]) -> String? {
        guard let event = try? JSONParser().parse(body), let id = event["id"]?.stringValue, !id.isEmpty else { return nil }
        return id
    }
}
