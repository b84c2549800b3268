extension WebhookVerifier {
    /// `token` and `eventgrid`: the secret itself, as `Authorization: Bearer <secret>` or `?code=<secret>`
    /// (Logic Apps, Data Factory and Event Grid can send one or the other). Either may match: Event Grid
    /// with Entra authentication sends its own Bearer token next to `?code=`.
    ///
    /// Tokens are compared as SHA-256 digests with `CRYPTO_memcmp`, so neither the time nor an early
    /// length mismatch tells a guesser how long the secret is or how much of it was right.
    static func verifyToken(_ request: DeliveryRequest, secrets: [WebhookSecret]) throws(VerificationFailure) {
        let authorization = request.header("authorization")
        let bearer = authorization.flatMap(bearerToken)
        let code = request.query["code"].flatMap { $0.isEmpty ? nil : $0 }
        let candidates = [bearer, code].compactMap { $0 }
        guard !candidates.isEmpty else {
            if authorization != nil {
                throw VerificationFailure(
                    check: .malformedHeader, detail: "the Authorization header is not \"Bearer <secret>\", and no ?code= query parameter was sent")
            }
            throw VerificationFailure(
                check: .missingToken, detail: "neither an Authorization: Bearer header nor a ?code= query parameter was sent")
        }
        let sentDigests = candidates.map { Crypto.sha256(Array($0.utf8)) }
        let secretDigests = secrets.map { Crypto.sha256(Array($0.value.utf8)) }
        guard Crypto.anyEqual(sentDigests, secretDigests) else {
            let sent = switch (bearer, code) {
            case (.some, .some): "neither the Bearer token nor ?code="
            case (.some, nil): "the Bearer token"
            default: "?code="
            }
            throw VerificationFailure(check: .wrongToken, detail: "\(sent) matches none of the webhook's \(secrets.count) active secret(s)")
        }
    }

    /// The token of an `Authorization: Bearer <token>` value (scheme name case-insensitive, RFC 7235);
    /// nil for other schemes and an empty token.
    private static func bearerToken(_ authorization: String) -> String? {
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingASCIIWhitespace()
        return token.isEmpty ? nil : token
    }
}
