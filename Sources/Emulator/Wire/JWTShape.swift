import Foundation

/// Builds JWT-shaped tokens: `base64url(header).base64url(claims).base64url(random)`.
///
/// Not signed (`alg: none`): nothing verifies a signature, but the SDK and the gateway decode the
/// claims to learn `exp`, so a token that is not a JWT would crash them. The third part is 32
/// random bytes, which makes every token unique and unguessable by value.
enum JWTShape {
    static func make(claims: JSONValue) -> String {
        let header: JSONValue = .object(["typ": .string("JWT"), "alg": .string("none"), "kid": .string("azureml-emulator")])
        var random = SystemRandomNumberGenerator()
        let signature = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        return [header.serialized, claims.serialized, signature].map(base64URL).joined(separator: ".")
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
