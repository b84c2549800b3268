import Foundation
import Testing
@testable import Webhooks

/// Secrets: generation, validation per scheme, the hint, and that printing one never shows it.
@Suite struct WebhookSecretTests {
    @Test func generate_isWhsecWith32RandomBytes() throws {
        let first = WebhookSecret.generate()
        let second = WebhookSecret.generate()
        #expect(first != second)
        for secret in [first, second] {
            #expect(secret.value.hasPrefix("whsec_"))
            let key = try #require(Data(base64Encoded: String(secret.value.dropFirst("whsec_".count))))
            #expect(key.count == 32)
            for scheme in WebhookScheme.allCases {
                #expect(throws: Never.self) { try WebhookSecret(secret.value, for: scheme) }
            }
        }
    }

    /// The hint is SHA-256's first 8 hex digits, checked against `openssl dgst -sha256`.
    @Test(arguments: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "It's a Secret to Everybody", "é-non-ascii-stored-secret"])
    func hint_isTheFirstEightHexDigitsOfSHA256(_ value: String) async throws {
        let digest = try await ReferenceHMAC.sha256Hex(Array(value.utf8))
        let hint = WebhookSecret(unchecked: value).hint
        #expect(hint == String(digest.prefix(8)))
        #expect(hint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func printing_showsOnlyTheHint() {
        let secret = WebhookSecret.generate()
        var dumped = ""
        dump(secret, to: &dumped)
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped, "\([secret])", "\(Optional(secret) as Any)"] {
            #expect(!text.contains(secret.value), "\(text)")
            #expect(!text.contains(secret.value.dropFirst(6)), "\(text)")
            #expect(text.contains(secret.hint), "\(text)")
        }
    }

    struct RuleRow: Sendable, CustomTestStringConvertible {
        var name: String
        var value: String
        var scheme: WebhookScheme
        var mentions: String?
        var testDescription: String { "\(scheme.rawValue): \(name)" }
    }

    static func whsec(bytes count: Int) -> String {
        "whsec_" + Data((0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }).base64EncodedString()
    }

    static let rules: [RuleRow] = [
        RuleRow(name: "24 bytes", value: whsec(bytes: 24), scheme: .standard),
        RuleRow(name: "64 bytes", value: whsec(bytes: 64), scheme: .standard),
        RuleRow(name: "32 bytes unpadded", value: String(whsec(bytes: 32).dropLast()), scheme: .standard),
        RuleRow(name: "23 bytes", value: whsec(bytes: 23), scheme: .standard, mentions: "24 to 64 bytes"),
        RuleRow(name: "65 bytes", value: whsec(bytes: 65), scheme: .standard, mentions: "24 to 64 bytes"),
        RuleRow(name: "no prefix", value: String(whsec(bytes: 32).dropFirst(6)), scheme: .standard, mentions: "whsec_"),
        RuleRow(name: "other prefix", value: "whsk_" + String(whsec(bytes: 32).dropFirst(6)), scheme: .standard, mentions: "whsec_"),
        RuleRow(name: "not base64", value: "whsec_this-is-not/base64!!really-not-at-all", scheme: .standard, mentions: "base64"),
        RuleRow(name: "16 characters", value: "0123456789abcdef", scheme: .github),
        RuleRow(name: "256 characters", value: String(repeating: "x", count: 256), scheme: .stripe),
        RuleRow(name: "punctuation", value: "It's-a-Secret!~{}[]<>", scheme: .token),
        RuleRow(name: "15 characters", value: "0123456789abcde", scheme: .github, mentions: "16 to 256 characters"),
        RuleRow(name: "257 characters", value: String(repeating: "x", count: 257), scheme: .token, mentions: "16 to 256 characters"),
        RuleRow(name: "space", value: "It's a Secret to Everybody", scheme: .github, mentions: "character 5"),
        RuleRow(name: "non-ASCII", value: "geheimnis-schlüssel-1", scheme: .eventgrid, mentions: "printable ASCII"),
        RuleRow(name: "tab", value: "tabbed\tsecret-value-1", scheme: .stripe, mentions: "character 7"),
        RuleRow(name: "empty", value: "", scheme: .token, mentions: "has 0"),
    ]

    @Test(arguments: rules)
    func init_appliesTheSchemesRule(_ row: RuleRow) {
        do {
            let secret = try WebhookSecret(row.value, for: row.scheme)
            #expect(row.mentions == nil, "accepted a secret that breaks a rule")
            #expect(secret.value == row.value)
        } catch {
            let mentions = row.mentions ?? "(accepted)"
            #expect(error.message.contains(mentions), "\(error.message)")
            if row.value.count >= 4 {
                #expect(!error.message.contains(row.value), "\(error.message)")
                #expect(!error.description.contains(row.value))
            }
        }
    }

    @Test func standardKey_isTheDecodedBase64() throws {
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", for: .standard)
        #expect(secret.key(for: .standard) == Array(try #require(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))))
        #expect(secret.key(for: .github) == Array(secret.value.utf8))
    }
}
