import Testing
import Webhooks

/// GitHub's `X-Hub-Signature-256`, signed by `openssl dgst -sha256 -hmac SECRET`.
@Suite struct GitHubSchemeTests {
    static let secret = WebhookSecret(unchecked: "gh-hook-secret-4f1c9a7e")
    static let otherSecret = WebhookSecret(unchecked: "another-secret-0b8d2e")
    static let body = Array(#"{"action":"published","release":{"tag_name":"v1.2.0"}}"#.utf8)
    static let now: Double = 1_700_000_000

    static func request(signature: String?, body: [UInt8] = body, event: String = "release", extra: [String: String] = [:]) -> DeliveryRequest {
        var headers = ["x-github-event": event, "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958"].merging(extra) { $1 }
        headers["x-hub-signature-256"] = signature
        return DeliveryRequest(headers: headers, query: [:], body: body)
    }

    static func signature(secret: WebhookSecret = secret, body: [UInt8] = body) async throws -> String {
        "sha256=" + (try await ReferenceHMAC.hex(utf8Key: secret.value, message: body))
    }

    @Test func validSignature_verifiesWithDeliveryID() async throws {
        let delivery = try WebhookVerifier.verify(.github, Self.request(signature: try await Self.signature()), secrets: [Self.secret], now: Self.now)
        #expect(delivery == VerifiedDelivery(deliveryID: "72d3162e-cc78-11e3-81ab-4c9367dc0958", isPing: false))
    }

    /// GitHub's documented example ("Validating webhook deliveries"); checked with
    /// `printf '%s' 'Hello, World!' > m.txt; openssl dgst -sha256 -hmac "It's a Secret to Everybody" m.txt`.
    @Test func documentedVector_verifies() throws {
        let request = DeliveryRequest(
            headers: ["x-hub-signature-256": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"],
            query: [:], body: Array("Hello, World!".utf8))
        let delivery = try WebhookVerifier.verify(.github, request, secrets: [WebhookSecret(unchecked: "It's a Secret to Everybody")], now: Self.now)
        #expect(delivery == VerifiedDelivery(deliveryID: nil, isPing: false))
    }

    @Test func upperCaseHex_verifies() async throws {
        let signature = try await Self.signature()
        let upper = "sha256=" + signature.dropFirst("sha256=".count).uppercased()
        #expect(try WebhookVerifier.verify(.github, Self.request(signature: upper), secrets: [Self.secret], now: Self.now).deliveryID != nil)
    }

    @Test func ping_isVerifiedAndFlagged() async throws {
        let body = Array(#"{"zen":"Design for failure.","hook_id":12345678}"#.utf8)
        let request = Self.request(signature: try await Self.signature(body: body), body: body, event: "ping")
        #expect(try WebhookVerifier.verify(.github, request, secrets: [Self.secret], now: Self.now).isPing)
        VerificationExpectations.expectFailure(.noMatchingSignature, .github, request, secrets: [Self.otherSecret], now: Self.now)
    }

    @Test func emptyBody_verifies() async throws {
        let request = Self.request(signature: try await Self.signature(body: []), body: [])
        #expect(try WebhookVerifier.verify(.github, request, secrets: [Self.secret], now: Self.now).deliveryID != nil)
    }

    @Test func wrongSecret_noMatchingSignature() async throws {
        let expected = try await Self.signature()
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .github, Self.request(signature: try await Self.signature(secret: Self.otherSecret)), secrets: [Self.secret],
            now: Self.now, expectedSignatures: [expected, String(expected.dropFirst("sha256=".count))])
    }

    @Test func tamperedBody_noMatchingSignature() async throws {
        let tampered = Array(#"{"action":"deleted","release":{"tag_name":"v1.2.0"}}"#.utf8)
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .github, Self.request(signature: try await Self.signature(), body: tampered), secrets: [Self.secret], now: Self.now)
    }

    @Test func reserialisedJSON_noMatchingSignature() async throws {
        let spaced = Array(#"{"action": "published", "release": {"tag_name": "v1.2.0"}}"#.utf8)
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .github, Self.request(signature: try await Self.signature(), body: spaced), secrets: [Self.secret], now: Self.now)
    }

    @Test func severalSecrets_anyOneMatchingPasses() async throws {
        let request = Self.request(signature: try await Self.signature())
        #expect(try WebhookVerifier.verify(.github, request, secrets: [Self.otherSecret, Self.secret], now: Self.now).deliveryID != nil)
        #expect(try WebhookVerifier.verify(.github, request, secrets: [Self.secret, Self.otherSecret, .generate()], now: Self.now).deliveryID != nil)
    }

    /// GitHub signs no timestamp, so `now` plays no part.
    @Test func noTimestamp_nowIsIrrelevant() async throws {
        let request = Self.request(signature: try await Self.signature())
        #expect(try WebhookVerifier.verify(.github, request, secrets: [Self.secret], now: 0).deliveryID != nil)
    }

    struct HeaderRow: Sendable, CustomTestStringConvertible {
        var name: String
        var signature: String?
        var extra: [String: String] = [:]
        var check: VerificationFailure.Check
        var mentions: String
        var testDescription: String { name }
    }

    static let hex64 = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"

    static let headerRows: [HeaderRow] = [
        HeaderRow(name: "no signature header", signature: nil, check: .missingHeader, mentions: "X-Hub-Signature-256"),
        HeaderRow(
            name: "only the SHA-1 header", signature: nil, extra: ["x-hub-signature": "sha1=7d38cdd689735b008b3c702edd92eea23791c5f6"],
            check: .missingHeader, mentions: "SHA-1"),
        HeaderRow(name: "sha256= missing", signature: hex64, check: .malformedHeader, mentions: "sha256="),
        HeaderRow(name: "sha1= prefix", signature: "sha1=" + hex64, check: .malformedHeader, mentions: "sha256="),
        HeaderRow(name: "non-hex", signature: "sha256=" + String(hex64.dropLast()) + "g", check: .malformedHeader, mentions: "hex"),
        HeaderRow(name: "too short", signature: "sha256=" + String(hex64.prefix(62)), check: .malformedHeader, mentions: "64 hex digits"),
        HeaderRow(name: "odd length", signature: "sha256=" + String(hex64.dropLast()), check: .malformedHeader, mentions: "64 hex digits"),
        HeaderRow(name: "base64 instead of hex", signature: "sha256=dXBzdHJlYW0tc2lnbmF0dXJlLWFzLWJhc2U2NA==", check: .malformedHeader, mentions: "hex"),
    ]

    @Test(arguments: headerRows)
    func missingOrMalformedHeader_namesIt(_ row: HeaderRow) {
        let failure = VerificationExpectations.expectFailure(
            row.check, .github, Self.request(signature: row.signature, extra: row.extra), secrets: [Self.secret], now: Self.now)
        #expect(failure?.detail.contains(row.mentions) == true, "\(failure?.detail ?? "")")
    }
}
