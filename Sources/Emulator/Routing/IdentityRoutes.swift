import Foundation
import HTTPServer

/// The Azure AD token endpoints and the managed-identity endpoints, in their real shapes: v2 with
/// a numeric `expires_in`, v1 / App Service MI / IMDS with numbers as strings. Any tenant, client
/// and secret is accepted (this is not a credential store); malformed requests get AAD's errors.
struct IdentityRoutes: EmulatorRouteGroup {
    let gate: OperationGate

    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// The client id the emulator's managed identity reports when the caller names none.
    static let managedIdentityClientID = "00000000-0000-0000-0000-0000000000c1"

    private var services: EmulatorServices { gate.services }

    func register(on router: inout Router) {
        router.on(.POST, "/{tenant}/oauth2/v2.0/token") { request in
            gate.identity(.token, request) { request in tokenV2(request) }
        }
        router.on(.POST, "/{tenant}/oauth2/token") { request in
            gate.identity(.token, request) { request in tokenV1(request) }
        }
        router.on(.GET, "/{tenant}/v2.0/.well-known/openid-configuration") { request in
            gate.identity(.token, request) { request in openIDConfiguration(request) }
        }
        router.on(.GET, "/msi/token") { request in
            gate.identity(.token, request) { request in appServiceIdentity(request) }
        }
        router.on(.GET, "/metadata/identity/oauth2/token") { request in
            gate.identity(.token, request) { request in instanceMetadataIdentity(request) }
        }
    }

    /// `GET /{tenant}/v2.0/.well-known/openid-configuration`: MSAL (behind azure-identity's
    /// `ClientSecretCredential`) reads the token endpoint from here before its first token request.
    /// MSAL only accepts https authorities, so the URLs are https on the host the caller used (a TLS
    /// front such as a test relay), or the configured public URL when that is https.
    private func openIDConfiguration(_ request: HTTPRequest) -> HTTPResponse {
        let tenant = tenant(request)
        let base: String
        if let configured = services.configuration.publicURL, configured.hasPrefix("https://") {
            base = EmulatorServices.trimmed(configured)
        } else {
            base = "https://" + (request.headers["Host"] ?? "127.0.0.1")
        }
        let document: [String: Any] = [
            "issuer": "\(base)/\(tenant)/v2.0",
            "token_endpoint": "\(base)/\(tenant)/oauth2/v2.0/token",
            "authorization_endpoint": "\(base)/\(tenant)/oauth2/v2.0/authorize",
            "device_authorization_endpoint": "\(base)/\(tenant)/oauth2/v2.0/devicecode",
            "end_session_endpoint": "\(base)/\(tenant)/oauth2/v2.0/logout",
            "jwks_uri": "\(base)/\(tenant)/discovery/v2.0/keys",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
        ]
        let body = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return .json(.ok, [UInt8](body))
    }

    /// `POST /{tenant}/oauth2/v2.0/token`, client credentials with a secret or a federated assertion.
    private func tokenV2(_ request: HTTPRequest) -> HTTPResponse {
        let form = FormBody(request.body)
        switch clientCredentials(form) {
        case .failure(let error):
            return error.response(now: services.clock())
        case .success(let clientID):
            guard let scope = form["scope"] else { return AADError.missingField("scope").response(now: services.clock()) }
            let first = scope.split(separator: " ").first.map(String.init) ?? scope
            guard first.hasSuffix("/.default") else {
                return AADError(
                    status: .badRequest, error: "invalid_scope",
                    description: "AADSTS1002012: The provided value for scope \(scope) is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
                    codes: [1002012]
                ).response(now: services.clock())
            }
            let audience = String(first.dropLast("/.default".count))
            let token = services.tokens.issue(tenantID: tenant(request), clientID: clientID, audience: audience, version: "2.0")
            let lifetime = services.tokens.lifetimeSeconds
            return ok([
                "token_type": .string("Bearer"),
                "expires_in": .int(lifetime),
                "ext_expires_in": .int(lifetime),
                "access_token": .string(token.accessToken),
            ])
        }
    }

    /// `POST /{tenant}/oauth2/token`, the v1 endpoint: `resource=` instead of `scope=`, strings for numbers.
    private func tokenV1(_ request: HTTPRequest) -> HTTPResponse {
        let form = FormBody(request.body)
        switch clientCredentials(form) {
        case .failure(let error):
            return error.response(now: services.clock())
        case .success(let clientID):
            guard let resource = form["resource"] else { return AADError.missingField("resource").response(now: services.clock()) }
            let token = services.tokens.issue(tenantID: tenant(request), clientID: clientID, audience: resource, version: "1.0")
            let lifetime = String(services.tokens.lifetimeSeconds)
            return ok([
                "token_type": .string("Bearer"),
                "expires_in": .string(lifetime),
                "ext_expires_in": .string(lifetime),
                "expires_on": .string(String(token.expiresOn)),
                "not_before": .string(String(token.notBefore)),
                "resource": .string(resource),
                "access_token": .string(token.accessToken),
            ])
        }
    }

    /// `GET {IDENTITY_ENDPOINT}?resource=…&api-version=2019-08-01` with `X-IDENTITY-HEADER`
    /// (App Service, Functions, Container Apps).
    private func appServiceIdentity(_ request: HTTPRequest) -> HTTPResponse {
        guard let header = request.headers["X-IDENTITY-HEADER"], !header.isEmpty else {
            return AADError(
                status: .unauthorized, error: "unauthorized_client",
                description: "The X-IDENTITY-HEADER header is missing; send the value of IDENTITY_HEADER.", codes: []
            ).response(now: services.clock())
        }
        if let problem = missingQuery(request, ["api-version", "resource"]) { return problem }
        let resource = request.query("resource") ?? ""
        let clientID = request.query("client_id") ?? Self.managedIdentityClientID
        let token = services.tokens.issue(tenantID: WorkspaceScope.tenantID, clientID: clientID, audience: resource, version: "1.0")
        return ok([
            "access_token": .string(token.accessToken),
            "expires_on": .string(String(token.expiresOn)),
            "resource": .string(resource),
            "token_type": .string("Bearer"),
            "client_id": .string(clientID),
        ])
    }

    /// `GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…` with `Metadata: true` (IMDS).
    private func instanceMetadataIdentity(_ request: HTTPRequest) -> HTTPResponse {
        guard request.headers["Metadata"]?.lowercased() == "true" else {
            return AADError(
                status: .badRequest, error: "invalid_request", description: "Required metadata header not specified", codes: []
            ).response(now: services.clock())
        }
        if let problem = missingQuery(request, ["api-version", "resource"]) { return problem }
        let resource = request.query("resource") ?? ""
        let clientID = request.query("client_id") ?? Self.managedIdentityClientID
        let token = services.tokens.issue(tenantID: WorkspaceScope.tenantID, clientID: clientID, audience: resource, version: "1.0")
        let lifetime = String(services.tokens.lifetimeSeconds)
        return ok([
            "access_token": .string(token.accessToken),
            "refresh_token": .string(""),
            "expires_in": .string(lifetime),
            "expires_on": .string(String(token.expiresOn)),
            "ext_expires_in": .string(lifetime),
            "not_before": .string(String(token.notBefore)),
            "resource": .string(resource),
            "token_type": .string("Bearer"),
            "client_id": .string(clientID),
        ])
    }

    /// The client id of a client-credentials form, or AAD's refusal. A secret of any value is
    /// accepted; an assertion must at least be JWT-shaped and declared as a JWT bearer assertion.
    private func clientCredentials(_ form: FormBody) -> Result<String, AADError> {
        guard let grant = form["grant_type"] else { return .failure(.missingField("grant_type")) }
        guard grant == "client_credentials" else {
            return .failure(AADError(
                status: .badRequest, error: "unsupported_grant_type",
                description: "AADSTS70003: The app requested an unsupported grant type '\(grant)'.", codes: [70003]))
        }
        guard let clientID = form["client_id"] else { return .failure(.missingField("client_id")) }
        if form["client_secret"] != nil { return .success(clientID) }
        guard let assertion = form["client_assertion"], let type = form["client_assertion_type"] else {
            return .failure(AADError(
                status: .badRequest, error: "invalid_client",
                description: "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
                codes: [7000216]))
        }
        guard type == Self.assertionType else {
            return .failure(AADError(
                status: .badRequest, error: "invalid_request",
                description: "AADSTS50027: client_assertion_type must be '\(Self.assertionType)'.", codes: [50027]))
        }
        guard assertion.split(separator: ".", omittingEmptySubsequences: false).count == 3 else {
            return .failure(AADError(
                status: .badRequest, error: "invalid_client",
                description: "AADSTS50027: JWT token is invalid or malformed.", codes: [50027]))
        }
        return .success(clientID)
    }

    private func missingQuery(_ request: HTTPRequest, _ names: [String]) -> HTTPResponse? {
        for name in names where (request.query(name) ?? "").isEmpty {
            return AADError(
                status: .badRequest, error: "invalid_request", description: "Required query parameter '\(name)' not specified.", codes: []
            ).response(now: services.clock())
        }
        return nil
    }

    private func tenant(_ request: HTTPRequest) -> String {
        request.pathParameters["tenant"] ?? WorkspaceScope.tenantID
    }

    private func ok(_ object: JSONObject) -> HTTPResponse {
        var response = HTTPResponse.json(.ok, JSONValue.object(object).serialized)
        // Token responses must never be cached (RFC 6749 §5.1).
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Pragma", "no-cache")
        return response
    }
}
