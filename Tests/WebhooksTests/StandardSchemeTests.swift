import Foundation
import Testing
import Webhooks

/// Standard Webhooks 1.0, signed by `openssl dgst` with the base64-decoded `whsec_` key.
@Suite struct StandardSchemeTests {
    static let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"
    static let now: Double = 1_674_087_231
    static let body = Array(#"{"type":"blob.created","data":{"name":"a.csv","size":1024}}"#.utf8)
    static let keyBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    static let secret = WebhookSecret(unchecked: "whsec_" + Data(keyBytes).base64EncodedString())
    static let otherKeyBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 200) }
    static let otherSecret = WebhookSecret(unchecked: "whsec_" + Data(otherKeyBytes).base64EncodedString())

    /// The `v1,<base64>` entry for `{id}.{timestamp}.{body}` under `key`, from openssl.
    static func entry(key: [UInt8] = keyBytes, id: String = id, timestamp: Int, body: [UInt8] = body) async throws -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        return ReferenceHMAC.standardEntry(hex: try await ReferenceHMAC.hex(keyBytes: key, message: message))
    }

    static func request(id: String? = id, timestamp: String? = String(Int(now)), signature: String?, body: [UInt8] = body) -> DeliveryRequest {
        var headers = ["content-type": "application/json"]
        headers["webhook-id"] = id
        headers["webhook-timestamp"] = timestamp
        headers["webhook-signature"] = signature
        return DeliveryRequest(headers: headers, query: [:], body: body)
    }

    @Test func validSignature_verifiesAndNamesTheDelivery() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now))
        let delivery = try WebhookVerifier.verify(.standard, Self.request(signature: signature), secrets: [Self.secret], now: Self.now)
        #expect(delivery == VerifiedDelivery(deliveryID: Self.id, isPing: false))
    }

    /// The Standard Webhooks reference libraries' test vector (also what Svix publishes). Checked with
    /// `printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' > m.txt;
    /// openssl dgst -sha256 -mac HMAC -macopt hexkey:31f290f6bf06298aab4f08d43c3f082cf648a362da2da4b0 -binary m.txt | base64`.
    @Test func referenceVector_verifies() throws {
        let request = DeliveryRequest(
            headers: [
                "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
                "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ],
            query: [:], body: Array(#"{"test": 2432232314}"#.utf8))
        let secret = WebhookSecret(unchecked: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(try WebhookVerifier.verify(.standard, request, secrets: [secret], now: 1_614_265_330).deliveryID == "msg_p5jXN8AQM9LWM0D4loKWxJek")
    }

    @Test func emptyBody_verifies() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now), body: [])
        let delivery = try WebhookVerifier.verify(.standard, Self.request(signature: signature, body: []), secrets: [Self.secret], now: Self.now)
        #expect(delivery.deliveryID == Self.id)
    }

    @Test func wrongSecret_noMatchingSignature() async throws {
        let signature = try await Self.entry(key: Self.otherKeyBytes, timestamp: Int(Self.now))
        let expected = try await Self.entry(timestamp: Int(Self.now))
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .standard, Self.request(signature: signature), secrets: [Self.secret], now: Self.now, expectedSignatures: [expected])
    }

    @Test func tamperedBody_noMatchingSignature() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now))
        let tampered = Array(#"{"type":"blob.created","data":{"name":"b.csv","size":1024}}"#.utf8)
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .standard, Self.request(signature: signature, body: tampered), secrets: [Self.secret], now: Self.now)
    }

    /// The same JSON data with other whitespace is other bytes: a verifier that parsed and re-serialised
    /// the body would wrongly accept (or reject) it.
    @Test func reserialisedJSON_noMatchingSignature() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now))
        let pretty = Array("{\n  \"type\": \"blob.created\",\n  \"data\": {\"name\": \"a.csv\", \"size\": 1024}\n}".utf8)
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .standard, Self.request(signature: signature, body: pretty), secrets: [Self.secret], now: Self.now)
    }

    /// The id and timestamp are signed: a valid signature does not carry over to another id.
    @Test func otherDeliveryID_noMatchingSignature() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now))
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .standard, Self.request(id: "msg_other", signature: signature), secrets: [Self.secret], now: Self.now)
    }

    struct TimestampRow: Sendable, CustomTestStringConvertible {
        var offset: Int
        var check: VerificationFailure.Check?
        var testDescription: String { "now \(offset >= 0 ? "+" : "")\(offset) s → \(check.map(\.rawValue) ?? "verified")" }
    }

    static let timestamps: [TimestampRow] = [
        TimestampRow(offset: -301, check: .staleTimestamp),
        TimestampRow(offset: -300, check: nil),
        TimestampRow(offset: 0, check: nil),
        TimestampRow(offset: 300, check: nil),
        TimestampRow(offset: 301, check: .futureTimestamp),
        TimestampRow(offset: -86_400, check: .staleTimestamp),
    ]

    @Test(arguments: timestamps)
    func timestamp_toleranceIsFiveMinutesEitherWay(_ row: TimestampRow) async throws {
        let timestamp = Int(Self.now) + row.offset
        let request = Self.request(timestamp: String(timestamp), signature: try await Self.entry(timestamp: timestamp))
        if let check = row.check {
            VerificationExpectations.expectFailure(check, .standard, request, secrets: [Self.secret], now: Self.now)
        } else {
            #expect(try WebhookVerifier.verify(.standard, request, secrets: [Self.secret], now: Self.now).deliveryID == Self.id)
        }
    }

    @Test func severalSignatures_oneValidPasses() async throws {
        let valid = try await Self.entry(timestamp: Int(Self.now))
        let stale = try await Self.entry(key: Self.otherKeyBytes, timestamp: Int(Self.now))
        let header = "\(stale) v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== v2,abc  \(valid)"
        #expect(try WebhookVerifier.verify(.standard, Self.request(signature: header), secrets: [Self.secret], now: Self.now).deliveryID == Self.id)
    }

    @Test func severalSecrets_anyOneMatchingPasses() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now))
        let unrelated = WebhookSecret.generate()
        for secrets in [[Self.otherSecret, unrelated, Self.secret], [Self.secret, Self.otherSecret], [unrelated, Self.secret]] {
            #expect(try WebhookVerifier.verify(.standard, Self.request(signature: signature), secrets: secrets, now: Self.now).deliveryID == Self.id)
        }
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .standard, Self.request(signature: signature), secrets: [Self.otherSecret, unrelated], now: Self.now)
        VerificationExpectations.expectFailure(.noMatchingSignature, .standard, Self.request(signature: signature), secrets: [], now: Self.now)
    }

    struct HeaderRow: Sendable, CustomTestStringConvertible {
        var name: String
        var id: String?
        var timestamp: String?
        var signature: String?
        var check: VerificationFailure.Check
        var mentions: String
        var testDescription: String { name }
    }

    static let validTimestamp = String(Int(now))
    static let wellFormed = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="

    static let headerRows: [HeaderRow] = [
        HeaderRow(name: "no webhook-id", id: nil, timestamp: validTimestamp, signature: wellFormed, check: .missingHeader, mentions: "webhook-id"),
        HeaderRow(name: "empty webhook-id", id: " ", timestamp: validTimestamp, signature: wellFormed, check: .missingHeader, mentions: "webhook-id"),
        HeaderRow(name: "no webhook-timestamp", id: id, timestamp: nil, signature: wellFormed, check: .missingHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "no webhook-signature", id: id, timestamp: validTimestamp, signature: nil, check: .missingHeader, mentions: "webhook-signature"),
        HeaderRow(name: "fractional timestamp", id: id, timestamp: "1674087231.5", signature: wellFormed, check: .malformedHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "text timestamp", id: id, timestamp: "yesterday", signature: wellFormed, check: .malformedHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "signed timestamp", id: id, timestamp: "+1674087231", signature: wellFormed, check: .malformedHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "negative timestamp", id: id, timestamp: "-5", signature: wellFormed, check: .malformedHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "overflowing timestamp", id: id, timestamp: "99999999999999999999", signature: wellFormed, check: .malformedHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "ISO timestamp", id: id, timestamp: "2023-01-19T00:13:51Z", signature: wellFormed, check: .malformedHeader, mentions: "webhook-timestamp"),
        HeaderRow(name: "bad base64", id: id, timestamp: validTimestamp, signature: "v1,K5oZfzN95Z9UVu1E$fQmfVNQhnkZ2pj9o9NDN/H/pI4=", check: .malformedHeader, mentions: "webhook-signature"),
        HeaderRow(name: "base64 of 16 bytes", id: id, timestamp: validTimestamp, signature: "v1,AAECAwQFBgcICQoLDA0ODw==", check: .malformedHeader, mentions: "webhook-signature"),
        HeaderRow(name: "padding inside", id: id, timestamp: validTimestamp, signature: "v1,K5oZ=zN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", check: .malformedHeader, mentions: "webhook-signature"),
        HeaderRow(name: "no v1, prefix", id: id, timestamp: validTimestamp, signature: "K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", check: .malformedHeader, mentions: "v1"),
        HeaderRow(name: "v1= instead of v1,", id: id, timestamp: validTimestamp, signature: "v1=K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=", check: .malformedHeader, mentions: "v1"),
        HeaderRow(name: "only other versions", id: id, timestamp: validTimestamp, signature: "v1a,abc v2,def", check: .malformedHeader, mentions: "v1"),
        HeaderRow(name: "second entry bad", id: id, timestamp: validTimestamp, signature: "\(wellFormed) v1,%%%", check: .malformedHeader, mentions: "entry 2"),
    ]

    @Test(arguments: headerRows)
    func missingOrMalformedHeader_namesIt(_ row: HeaderRow) {
        let request = Self.request(id: row.id, timestamp: row.timestamp, signature: row.signature)
        let failure = VerificationExpectations.expectFailure(row.check, .standard, request, secrets: [Self.secret], now: Self.now)
        #expect(failure?.detail.contains(row.mentions) == true, "\(failure?.detail ?? "")")
    }

    /// A delivery signed for one timestamp and sent with another is refused even within the tolerance.
    @Test func timestampNotTheSignedOne_noMatchingSignature() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now) - 10)
        VerificationExpectations.expectFailure(.noMatchingSignature, .standard, Self.request(signature: signature), secrets: [Self.secret], now: Self.now)
    }

    @Test func nonFiniteNow_failsClosed() async throws {
        let signature = try await Self.entry(timestamp: Int(Self.now))
        VerificationExpectations.expectFailure(.futureTimestamp, .standard, Self.request(signature: signature), secrets: [Self.secret], now: .nan)
    }
}
