import Testing
import Webhooks

/// Stripe's `Stripe-Signature: t=…,v1=…`, signed by `openssl dgst -sha256 -hmac SECRET` over `{t}.{body}`.
@Suite struct StripeSchemeTests {
    static let secret = WebhookSecret(unchecked: "whsec_stripe_test_8c1d5f0a2b")
    static let otherSecret = WebhookSecret(unchecked: "whsec_stripe_test_other_77")
    static let now: Double = 1_492_774_577
    static let body = Array(#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1"}}}"#.utf8)

    static func v1(secret: WebhookSecret = secret, timestamp: Int = Int(now), body: [UInt8] = body) async throws -> String {
        try await ReferenceHMAC.hex(utf8Key: secret.value, message: Array("\(timestamp).".utf8) + body)
    }

    static func request(_ header: String?, body: [UInt8] = body) -> DeliveryRequest {
        var headers = ["content-type": "application/json; charset=utf-8"]
        headers["stripe-signature"] = header
        return DeliveryRequest(headers: headers, query: [:], body: body)
    }

    @Test func validSignature_verifiesWithEventID() async throws {
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1())"
        let delivery = try WebhookVerifier.verify(.stripe, Self.request(header), secrets: [Self.secret], now: Self.now)
        #expect(delivery == VerifiedDelivery(deliveryID: "evt_1NG8Du2eZvKYlo2CUI79vXWy", isPing: false))
    }

    struct EventIDRow: Sendable, CustomTestStringConvertible {
        var body: String
        var id: String?
        var testDescription: String { body }
    }

    static let eventIDs: [EventIDRow] = [
        EventIDRow(body: #"{"object":"event","id":"evt_2"}"#, id: "evt_2"),
        EventIDRow(body: #"{"data":{"id":"in_1"}}"#, id: nil),
        EventIDRow(body: #"{"id":42}"#, id: nil),
        EventIDRow(body: #"{"id":""}"#, id: nil),
        EventIDRow(body: #"["evt_3"]"#, id: nil),
        EventIDRow(body: "not json", id: nil),
        EventIDRow(body: "", id: nil),
    ]

    @Test(arguments: eventIDs)
    func deliveryID_isTheTopLevelEventID(_ row: EventIDRow) async throws {
        let body = Array(row.body.utf8)
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1(body: body))"
        #expect(try WebhookVerifier.verify(.stripe, Self.request(header, body: body), secrets: [Self.secret], now: Self.now).deliveryID == row.id)
    }

    @Test func otherSchemesAndSeveralV1_oneValidPasses() async throws {
        let valid = try await Self.v1()
        let wrong = try await Self.v1(secret: Self.otherSecret)
        let header = "t=\(Int(Self.now)), v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39, v1=\(wrong), v1=\(valid)"
        #expect(try WebhookVerifier.verify(.stripe, Self.request(header), secrets: [Self.secret], now: Self.now).deliveryID != nil)
    }

    @Test func severalSecrets_anyOneMatchingPasses() async throws {
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1())"
        #expect(try WebhookVerifier.verify(.stripe, Self.request(header), secrets: [Self.otherSecret, Self.secret], now: Self.now).deliveryID != nil)
    }

    @Test func wrongSecret_noMatchingSignature() async throws {
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1(secret: Self.otherSecret))"
        VerificationExpectations.expectFailure(
            .noMatchingSignature, .stripe, Self.request(header), secrets: [Self.secret], now: Self.now, expectedSignatures: [try await Self.v1()])
    }

    @Test func tamperedBody_noMatchingSignature() async throws {
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1())"
        let tampered = Array(String(decoding: Self.body, as: UTF8.self).replacingOccurrences(of: "in_1", with: "in_2").utf8)
        VerificationExpectations.expectFailure(.noMatchingSignature, .stripe, Self.request(header, body: tampered), secrets: [Self.secret], now: Self.now)
    }

    @Test func reserialisedJSON_noMatchingSignature() async throws {
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1())"
        let spaced = Array(String(decoding: Self.body, as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8)
        VerificationExpectations.expectFailure(.noMatchingSignature, .stripe, Self.request(header, body: spaced), secrets: [Self.secret], now: Self.now)
    }

    /// `t` is signed: moving it into the window does not make an old signature valid.
    @Test func timestampNotTheSignedOne_noMatchingSignature() async throws {
        let header = "t=\(Int(Self.now)),v1=\(try await Self.v1(timestamp: Int(Self.now) - 1_000))"
        VerificationExpectations.expectFailure(.noMatchingSignature, .stripe, Self.request(header), secrets: [Self.secret], now: Self.now)
    }

    @Test(arguments: [(-301, VerificationFailure.Check?.some(.staleTimestamp)), (-300, nil), (300, nil), (301, .futureTimestamp)])
    func timestamp_toleranceIs300Seconds(_ offset: Int, _ check: VerificationFailure.Check?) async throws {
        let timestamp = Int(Self.now) + offset
        let header = "t=\(timestamp),v1=\(try await Self.v1(timestamp: timestamp))"
        if let check {
            let failure = VerificationExpectations.expectFailure(check, .stripe, Self.request(header), secrets: [Self.secret], now: Self.now)
            #expect(failure?.detail.contains("Stripe-Signature") == true)
        } else {
            #expect(try WebhookVerifier.verify(.stripe, Self.request(header), secrets: [Self.secret], now: Self.now).deliveryID != nil)
        }
    }

    struct HeaderRow: Sendable, CustomTestStringConvertible {
        var name: String
        var header: String?
        var check: VerificationFailure.Check
        var mentions: String
        var testDescription: String { name }
    }

    static let hex64 = "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"

    static let headerRows: [HeaderRow] = [
        HeaderRow(name: "no header", header: nil, check: .missingHeader, mentions: "Stripe-Signature"),
        HeaderRow(name: "no t", header: "v1=\(hex64)", check: .malformedHeader, mentions: "t="),
        HeaderRow(name: "no v1", header: "t=1492774577,v0=\(hex64)", check: .malformedHeader, mentions: "v1="),
        HeaderRow(name: "non-integer t", header: "t=1492774577.5,v1=\(hex64)", check: .malformedHeader, mentions: "integer"),
        HeaderRow(name: "empty t", header: "t=,v1=\(hex64)", check: .malformedHeader, mentions: "integer"),
        HeaderRow(name: "non-hex v1", header: "t=1492774577,v1=\(String(hex64.dropLast()))z", check: .malformedHeader, mentions: "hex"),
        HeaderRow(name: "short v1", header: "t=1492774577,v1=\(hex64.prefix(40))", check: .malformedHeader, mentions: "64 hex digits"),
        HeaderRow(name: "not key=value", header: "t=1492774577,\(hex64)", check: .malformedHeader, mentions: "key=value"),
        HeaderRow(name: "two t", header: "t=1492774577,t=1492774578,v1=\(hex64)", check: .malformedHeader, mentions: "more than one t"),
        HeaderRow(name: "GitHub-style header", header: "sha256=\(hex64)", check: .malformedHeader, mentions: "t="),
    ]

    @Test(arguments: headerRows)
    func missingOrMalformedHeader_namesIt(_ row: HeaderRow) {
        let failure = VerificationExpectations.expectFailure(row.check, .stripe, Self.request(row.header), secrets: [Self.secret], now: Self.now)
        #expect(failure?.detail.contains(row.mentions) == true, "\(failure?.detail ?? "")")
    }
}
