import AzureML
import Foundation
import HTTPServer
import Observability
import Synchronization
import Webhooks

/// Who may use the SDK facade's natively-served calls (DESIGN "Auth", "Migration from SDK v1").
///
/// A bearer token equal to a configured API key acts with that key's role (DESIGN "Auth": reads need
/// `reader`, enabling and disabling `operator`, creating and changing a schedule `admin`). Any other
/// bearer token is accepted when Azure accepts it for the workspace: the
/// facade passes one read (`GET {WS}/DataTypes`, what the SDK itself calls first) through to the
/// configured pipelines service with that token, and remembers a success until the token's `exp`
/// (read from the JWT, not verified; a token without one for `defaultLifetime`). The cache is keyed
/// by the token's SHA-256, so the token text is neither kept nor logged. A refusal is not cached:
/// the next call asks again.
final class FacadeAuthenticator: Sendable {
    private let keys: KeyRingHolder
    private let backend: AzureMLBackend
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let defaultLifetime: TimeInterval
    /// Token digest → until when Azure's acceptance is reused.
    private let accepted = Mutex<[String: Date]>([:])
    static let maximumCachedTokens = 10_000

    init(
        keys: KeyRingHolder, backend: AzureMLBackend, logger: Logger, defaultLifetime: TimeInterval = 300,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.keys = keys
        self.backend = backend
        self.logger = logger
        self.defaultLifetime = defaultLifetime
        self.now = now
    }

    /// The principal recorded for the caller's changes (the key's name, or `azure-ad:<oid>`);
    /// throws 401, or 403 when an API key's role is below `needed` (Azure-shaped on these paths). A
    /// token Azure accepts for the workspace may manage its schedules there, so it is not ranked.
    func authorize(_ request: HTTPRequest, needs needed: APIKeyRing.Role) async throws -> String {
        guard let token = AuthMiddleware.presentedSecret(request), !token.isEmpty else {
            throw AuthMiddleware.unauthorized("This call needs 'Authorization: Bearer <token>': an Azure AD token for the workspace, or a gateway API key.")
        }
        let ring = keys.current
        if !ring.isEmpty, let key = ring.key(matching: token) {
            guard key.role >= needed else {
                throw HTTPError(.forbidden, detail: "API key '\(key.name)' has the \(key.role) role; this needs \(needed).")
            }
            return key.name
        }
        let claims = BearerTokenClaims(token: token)
        let principal = "azure-ad" + (claims.objectID.map { ":\($0)" } ?? "")
        let digest = SHA256Digest.hex(Array(token.utf8))
        let moment = now()
        if let until = accepted.withLock({ $0[digest] }), until > moment { return principal }
        try await askAzure(token: token, digest: digest)
        let until = claims.expiresAt ?? moment.addingTimeInterval(defaultLifetime)
        if until > moment {
            accepted.withLock { cache in
                if cache.count >= Self.maximumCachedTokens { cache = cache.filter { $0.value > moment } }
                if cache.count < Self.maximumCachedTokens { cache[digest] = until }
            }
        }
        return principal
    }

    /// One read of the configured workspace with the caller's token.
    private func askAzure(token: String, digest: String) async throws {
        let client = try backend.client()
        let scope = client.workspace.scopeSegments.joined(separator: "/")
        let passThrough = PipelinesPassThrough(client: client, timeout: .seconds(30))
        let answer: TransportResponse
        do {
            answer = try await passThrough.forward(
                method: "GET", pathAndQuery: "/pipelines/v1.0/\(scope)/DataTypes", headers: [("Authorization", "Bearer \(token)")], body: [])
        } catch {
            logger.warning("could not ask Azure whether a bearer token is accepted", ["reason": .string(error.description)])
            throw HTTPError(.badGateway, detail: "The gateway could not reach Azure ML to check the token; retry shortly.")
        }
        switch answer.status {
        case 200..<300:
            logger.info("Azure accepted a bearer token for the SDK facade", ["token_sha256": .string(String(digest.prefix(16)))])
        case 401, 403:
            throw AuthMiddleware.unauthorized("Azure ML did not accept this token for the workspace.")
        default:
            logger.warning("Azure answered a token check with an unexpected status", ["status": .int(answer.status)])
            throw HTTPError(.badGateway, detail: "Azure ML answered the token check with status \(answer.status); retry shortly.")
        }
    }
}
