extension WebhookVerifier {
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the body keyed with the secret's
    /// UTF-8 bytes. GitHub signs no timestamp, so its deliveries are deduplicated by `X-GitHub-Delivery`
    /// instead. A `ping` (sent when the hook is created) is verified like any delivery.
    static func verifyGitHub(_ request: DeliveryRequest, secrets: [WebhookSecret]) throws(VerificationFailure) -> VerifiedDelivery {
        guard let header = request.header("x-hub-signature-256") else {
            let sha1Only = request.header("x-hub-signature") != nil
            throw VerificationFailure(
                check: .missingHeader,
                detail: "the X-Hub-Signature-256 header is missing" + (sha1Only ? " (the SHA-1 X-Hub-Signature is not accepted)" : ""))
        }
        let prefix = "sha256="
        guard header.hasPrefix(prefix), let signature = Hex.decode(header.dropFirst(prefix.count)), signature.count == Crypto.digestLength else {
            throw VerificationFailure(check: .malformedHeader, detail: "X-Hub-Signature-256 must be \"sha256=\" followed by 64 hex digits")
        }
        let keys = secrets.compactMap { $0.key(for: .github) }
        guard anySignatureMatches([signature], keys: keys, message: request.body) else {
            throw VerificationFailure(
                check: .noMatchingSignature,
                detail: "X-Hub-Signature-256 is not the HMAC-SHA256 of the raw body under any of the webhook's \(secrets.count) active secret(s)")
        }
        return VerifiedDelivery(deliveryID: request.header("x-github-delivery"), isPing: request.header("x-github-event") == "ping")
    }
}
