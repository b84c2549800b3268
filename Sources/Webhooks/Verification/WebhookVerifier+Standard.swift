extension WebhookVerifier {
    /// Standard Webhooks 1.0: `webhook-signature` lists `v1,<base64>` entries (other versions, such as the
    /// asymmetric `v1a`, are skipped), each an HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`
    /// keyed with the base64 after `whsec_`. The id and timestamp are signed too, so neither can be replayed
    /// onto another delivery.
    static func verifyStandard(_ request: DeliveryRequest, secrets: [WebhookSecret], now: Double) throws(VerificationFailure) -> VerifiedDelivery {
        let id = try request.requiredHeader("webhook-id", displayName: "webhook-id")
        let timestampText = try request.requiredHeader("webhook-timestamp", displayName: "webhook-timestamp")
        let signatureHeader = try request.requiredHeader("webhook-signature", displayName: "webhook-signature")
        let signatures = try standardSignatures(signatureHeader)
        try verifyTimestamped(
            .standard, signatures: signatures, timestamp: timestampText, signedPrefix: "\(id).\(timestampText).",
            names: TimestampedNames(
                timestamp: "webhook-timestamp", signatureHeader: "webhook-signature", signedContent: "{webhook-id}.{webhook-timestamp}.{raw body}"),
            request: request, secrets: secrets, now: now)
        return VerifiedDelivery(deliveryID: id)
    }

    /// The decoded `v1` signatures of a `webhook-signature` header, in order.
    private static func standardSignatures(_ header: String) throws(VerificationFailure) -> [[UInt8]] {
        var signatures: [[UInt8]] = []
        for (position, entry) in header.split(separator: " ").enumerated() {
            guard let comma = entry.firstIndex(of: ","), entry[..<comma] == "v1" else { continue }
            guard let signature = Base64.decode(entry[entry.index(after: comma)...]), signature.count == Crypto.digestLength else {
                throw VerificationFailure(
                    check: .malformedHeader,
                    detail: "webhook-signature entry \(position + 1) is not \"v1,\" followed by the base64 of a 32-byte HMAC-SHA256")
            }
            signatures.append(signature)
        }
        guard !signatures.isEmpty else {
            throw VerificationFailure(
                check: .malformedHeader, detail: "webhook-signature has no \"v1,<base64>\" entry (space-separated list, Standard Webhooks 1.0)")
        }
        return signatures
    }
}
