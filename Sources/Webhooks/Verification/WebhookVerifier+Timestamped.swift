extension WebhookVerifier {
    /// The names a timestamped scheme's failures use, as its senders' documentation spells them.
    struct TimestampedNames {
        /// Where the timestamp is read ("webhook-timestamp", "Stripe-Signature's t").
        var timestamp: String
        /// The header carrying the signatures.
        var signatureHeader: String
        /// The signed content, with placeholders ("{t}.{raw body}").
        var signedContent: String
    }

    /// What Standard Webhooks and Stripe share once their headers are parsed: the timestamp must be an
    /// integer within `timestampTolerance` of `now`, and one of `signatures` must be the HMAC-SHA256 of
    /// `signedPrefix` followed by the raw body under one of the secrets' keys. The timestamp is part of
    /// the signed content, so moving it into the window invalidates the signature.
    static func verifyTimestamped(
        _ scheme: WebhookScheme, signatures: [[UInt8]], timestamp timestampText: some StringProtocol, signedPrefix: String,
        names: TimestampedNames, request: DeliveryRequest, secrets: [WebhookSecret], now: Double
    ) throws(VerificationFailure) {
        guard let timestamp = unixSeconds(timestampText) else {
            throw VerificationFailure(check: .malformedHeader, detail: "\(names.timestamp) must be an integer number of seconds since 1970")
        }
        try checkTimestamp(timestamp, header: names.timestamp, now: now)
        let keys = secrets.compactMap { $0.key(for: scheme) }
        guard anySignatureMatches(signatures, keys: keys, message: Array(signedPrefix.utf8) + request.body) else {
            throw VerificationFailure(
                check: .noMatchingSignature,
                detail: "none of the \(signatures.count) v1 signature(s) in \(names.signatureHeader) is the HMAC-SHA256 of "
                    + "\"\(names.signedContent)\" under any of the webhook's \(secrets.count) active secret(s)")
        }
    }

    /// Refuses a signed timestamp more than `timestampTolerance` seconds from `now`; exactly at the
    /// tolerance passes, as in the Standard Webhooks and Stripe libraries.
    private static func checkTimestamp(_ timestamp: Int, header: String, now: Double) throws(VerificationFailure) {
        let age = now - Double(timestamp)
        if age <= timestampTolerance && -age <= timestampTolerance { return }
        let tolerance = Int(timestampTolerance)
        if age > 0 {
            throw VerificationFailure(
                check: .staleTimestamp,
                detail: "\(header) is \(wholeSeconds(age)) s old; more than \(tolerance) s is refused as a possible replay")
        }
        // Also where `now` is not a number: the check fails closed.
        throw VerificationFailure(
            check: .futureTimestamp,
            detail: "\(header) is \(wholeSeconds(-age)) s ahead of this server's clock; more than \(tolerance) s is refused")
    }

    /// A Unix timestamp as senders write it: 1 to 18 ASCII digits (no sign, no fraction, no overflow).
    private static func unixSeconds<Text: StringProtocol>(_ text: Text) -> Int? {
        let digits = text.utf8
        guard (1...18).contains(digits.count), digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }

    private static func wholeSeconds(_ seconds: Double) -> String {
        guard let whole = Int(exactly: seconds.rounded(.down)) else { return "more than \(Int.max)" }
        return String(whole)
    }
}
