import Foundation
import TestSupport
import Testing

/// Signatures made by `/usr/bin/openssl dgst`, an implementation independent of the module under test:
/// a verifier checked against its own HMAC would pass even if both sides shared a bug (a wrong key
/// derivation, a missing separator).
enum ReferenceHMAC {
    static let openssl = "/usr/bin/openssl"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `openssl dgst -sha256 -hmac KEY FILE`: HMAC-SHA256 keyed with the UTF-8 bytes of `utf8Key`, as
    /// GitHub, Stripe and the README's shell example compute it. Lower-case hex.
    static func hex(utf8Key: String, message: [UInt8]) async throws -> String {
        try await digest(["-hmac", utf8Key], message)
    }

    /// `openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY FILE`: HMAC-SHA256 keyed with raw bytes, as
    /// Standard Webhooks keys with the base64-decoded secret. Lower-case hex.
    static func hex(keyBytes: [UInt8], message: [UInt8]) async throws -> String {
        try await digest(["-mac", "HMAC", "-macopt", "hexkey:" + hexString(keyBytes)], message)
    }

    /// `openssl dgst -sha256 FILE`: plain SHA-256, for secret hints. Lower-case hex.
    static func sha256Hex(_ message: [UInt8]) async throws -> String {
        try await digest([], message)
    }

    /// The Standard Webhooks signature entry `v1,<base64>` for a hex digest.
    static func standardEntry(hex: String) -> String {
        "v1," + Data(bytes(hex: hex)).base64EncodedString()
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }

    private static func digest(_ macArguments: [String], _ message: [UInt8]) async throws -> String {
        try #require(ExternalCommand.isAvailable(openssl), "the tests sign with \(openssl)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("webhooks-\(UUID().uuidString).bin")
        try Data(message).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await ExternalCommand.run(openssl, ["dgst", "-sha256"] + macArguments + ["-hex", file.path])
        // "HMAC-SHA2-256(/tmp/webhooks-….bin)= 5118…" or "SHA2-256(/tmp/….bin)= e3b0…"
        let hex = outcome.output.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
        guard outcome.status == 0, hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
            throw Failure(description: "openssl dgst failed (\(outcome.status)): \(outcome.output)")
        }
        return hex
    }
}
