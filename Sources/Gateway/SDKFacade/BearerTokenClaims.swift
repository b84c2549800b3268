import Foundation

/// The claims of a JWT-shaped bearer token that the facade reads without verifying the signature:
/// Azure checks the token (the facade asks it once); these only say how long that answer may be
/// reused (`exp`) and who made a change (`oid`), as the SDK itself decodes its tokens.
struct BearerTokenClaims: Sendable, Equatable {
    var expiresAt: Date?
    var objectID: String?

    /// The claims of `token`, or empty ones when it is not a JWT (three dot-separated base64url
    /// parts whose middle one is a JSON object).
    init(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Self.base64URLDecoded(parts[1]),
              let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return }
        if let exp = object["exp"] as? NSNumber, exp.doubleValue.isFinite {
            expiresAt = Date(timeIntervalSince1970: exp.doubleValue)
        }
        objectID = object["oid"] as? String
    }

    static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
