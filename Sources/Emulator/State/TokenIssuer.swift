import Foundation
import HTTPServer
import Synchronization

/// Issues tokens for any tenant, client and secret (the emulator checks shapes, not credentials),
/// remembers them, and checks the bearer token of every service call against what it issued.
final class TokenIssuer: Sendable {
    private struct State {
        var tokens: [String: IssuedToken] = [:]
        /// A stable object id per client id, as Azure AD keeps one per service principal.
        var objectIDs: [String: String] = [:]
    }

    private let state = Mutex(State())
    private let lifetime: Double
    private let clock: @Sendable () -> Date

    init(lifetime: Double, clock: @escaping @Sendable () -> Date) {
        self.lifetime = lifetime
        self.clock = clock
    }

    /// Token lifetime in whole seconds, the `expires_in` value.
    var lifetimeSeconds: Int { Int(lifetime.rounded(.down)) }

    func issue(tenantID: String, clientID: String, audience: String, version: String) -> IssuedToken {
        let now = clock()
        let expires = now.addingTimeInterval(lifetime)
        return state.withLock { state in
            // Forget expired tokens here, so the table stays bounded by the issue rate × lifetime.
            state.tokens = state.tokens.filter { $0.value.expiresAt > now }
            let objectID = state.objectIDs[clientID] ?? UUID().uuidString.lowercased()
            state.objectIDs[clientID] = objectID
            let caller = Caller(clientID: clientID, objectID: objectID, tenantID: tenantID)
            let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
            let claims: JSONValue = .object([
                "aud": .string(audience),
                "iss": .string("https://sts.windows.net/\(tenantID)/"),
                "iat": .int(issuedAt),
                "nbf": .int(issuedAt),
                "exp": .int(Int(expires.timeIntervalSince1970.rounded(.down))),
                "appid": .string(clientID),
                "azp": .string(clientID),
                "oid": .string(objectID),
                "sub": .string(objectID),
                "tid": .string(tenantID),
                "ver": .string(version),
                "jti": .string(UUID().uuidString.lowercased()),
            ])
            let token = IssuedToken(
                accessToken: JWTShape.make(claims: claims), caller: caller, audience: audience, issuedAt: now, expiresAt: expires)
            state.tokens[token.accessToken] = token
            return token
        }
    }

    /// The caller behind `Authorization: Bearer <token>`, or the 401 Azure answers.
    func authenticate(_ request: HTTPRequest) throws(AzureError) -> Caller {
        guard let header = request.headers["Authorization"] else {
            throw Self.unauthorized("The request is missing an Authorization header with a Bearer token.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Self.unauthorized("The Authorization header must use the Bearer scheme.")
        }
        let presented = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let now = clock()
        guard let token = state.withLock({ $0.tokens[presented] }) else {
            throw Self.unauthorized("The access token is invalid: it was not issued by this emulator's token endpoint.")
        }
        guard token.expiresAt > now else {
            throw Self.unauthorized("The access token expired at \(AzureTimestamp.format(token.expiresAt)); acquire a new one.")
        }
        return token.caller
    }

    private static func unauthorized(_ message: String) -> AzureError {
        AzureError(status: .unauthorized, code: "AuthenticationFailed", message: message, headers: ["WWW-Authenticate": "Bearer"])
    }
}
