import Testing
import Webhooks

/// `token` and `eventgrid`: the secret itself as `Authorization: Bearer` or `?code=`.
@Suite struct TokenSchemeTests {
    static let secret = WebhookSecret(unchecked: "adf-shared-token-6b2f9c41")
    static let otherSecret = WebhookSecret(unchecked: "logicapp-token-d3a8e0f7")

    static func request(authorization: String? = nil, code: String? = nil, idempotencyKey: String? = nil) -> DeliveryRequest {
        var headers: [String: String] = [:]
        headers["authorization"] = authorization
        headers["idempotency-key"] = idempotencyKey
        var query: [String: String] = [:]
        query["code"] = code
        return DeliveryRequest(headers: headers, query: query, body: Array(#"{"file":"a.csv"}"#.utf8))
    }

    struct PassRow: Sendable, CustomTestStringConvertible {
        var name: String
        var authorization: String?
        var code: String?
        var testDescription: String { name }
    }

    static let passes: [PassRow] = [
        PassRow(name: "Bearer", authorization: "Bearer \(secret.value)"),
        PassRow(name: "bearer in lower case", authorization: "bearer \(secret.value)"),
        PassRow(name: "?code=", code: secret.value),
        PassRow(name: "both right", authorization: "Bearer \(secret.value)", code: secret.value),
        PassRow(name: "Entra Bearer token and right ?code=", authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", code: secret.value),
        PassRow(name: "Basic and right ?code=", authorization: "Basic dXNlcjpwYXNz", code: secret.value),
        PassRow(name: "wrong Bearer, right ?code=", authorization: "Bearer \(otherSecret.value)x", code: secret.value),
    ]

    @Test(arguments: WebhookScheme.allCases.filter { $0 == .token || $0 == .eventgrid }, passes)
    func rightToken_verifies(_ scheme: WebhookScheme, _ row: PassRow) throws {
        let request = Self.request(authorization: row.authorization, code: row.code)
        #expect(try WebhookVerifier.verify(scheme, request, secrets: [Self.secret], now: 0) == VerifiedDelivery(deliveryID: nil, isPing: false))
    }

    @Test func severalSecrets_anyOneMatchingPasses() throws {
        for secrets in [[Self.otherSecret, Self.secret], [Self.secret, Self.otherSecret, .generate()]] {
            #expect(throws: Never.self) { try WebhookVerifier.verify(.token, Self.request(code: Self.secret.value), secrets: secrets, now: 0) }
        }
    }

    @Test func idempotencyKey_isTheTokenDeliveryID() throws {
        let request = Self.request(authorization: "Bearer \(Self.secret.value)", idempotencyKey: "run-2024-05-01")
        #expect(try WebhookVerifier.verify(.token, request, secrets: [Self.secret], now: 0).deliveryID == "run-2024-05-01")
        // Event Grid's ids are per event, read from the body by the gateway.
        #expect(try WebhookVerifier.verify(.eventgrid, request, secrets: [Self.secret], now: 0).deliveryID == nil)
    }

    struct FailRow: Sendable, CustomTestStringConvertible {
        var name: String
        var authorization: String?
        var code: String?
        var check: VerificationFailure.Check
        var mentions: String
        var testDescription: String { name }
    }

    static let failures: [FailRow] = [
        FailRow(name: "nothing sent", check: .missingToken, mentions: "?code="),
        FailRow(name: "empty ?code=", code: "", check: .missingToken, mentions: "Authorization"),
        FailRow(name: "empty Bearer", authorization: "Bearer ", check: .malformedHeader, mentions: "Bearer"),
        FailRow(name: "Basic only", authorization: "Basic \(secret.value)", check: .malformedHeader, mentions: "Bearer"),
        FailRow(name: "secret without scheme", authorization: secret.value, check: .malformedHeader, mentions: "Bearer"),
        FailRow(name: "wrong Bearer", authorization: "Bearer \(otherSecret.value)", check: .wrongToken, mentions: "Bearer token"),
        FailRow(name: "wrong ?code=", code: otherSecret.value, check: .wrongToken, mentions: "?code="),
        FailRow(name: "both wrong", authorization: "Bearer \(otherSecret.value)", code: otherSecret.value, check: .wrongToken, mentions: "neither"),
        FailRow(name: "secret's prefix", code: String(secret.value.dropLast()), check: .wrongToken, mentions: "?code="),
        FailRow(name: "secret plus a character", code: secret.value + "0", check: .wrongToken, mentions: "?code="),
        FailRow(name: "secret in other case", code: secret.value.uppercased(), check: .wrongToken, mentions: "?code="),
    ]

    @Test(arguments: WebhookScheme.allCases.filter { $0 == .token || $0 == .eventgrid }, failures)
    func wrongOrMissingToken_namesTheCheck(_ scheme: WebhookScheme, _ row: FailRow) {
        let request = Self.request(authorization: row.authorization, code: row.code)
        let failure = VerificationExpectations.expectFailure(row.check, scheme, request, secrets: [Self.secret], now: 0)
        #expect(failure?.detail.contains(row.mentions) == true, "\(failure?.detail ?? "")")
    }
}
