import Foundation
import HTTPServer

/// API-key authentication, role checks and the per-key rate limit for every routed request (DESIGN
/// "Auth"). Open paths — health, readiness, metrics, the OpenAPI document — pass untouched; without
/// keys (loopback only) everything is open and unlimited. The key's name travels on as the request's
/// `principal`, which scopes idempotency keys and is recorded as `created_by`.
struct AuthMiddleware: HTTPMiddleware {
    let keys: KeyRingHolder
    let limiter: RateLimiter

    /// Webhook and Event Grid deliveries are authenticated by their signature or code, not by API keys.
    /// The SDK facade's routes authenticate their callers themselves (an API key or an Azure AD token
    /// Azure accepts, `FacadeAuthenticator`), and passed-through calls are authenticated by Azure.
    static let openRoutes: Set<String> = Set(["/healthz", "/readyz", "/metrics", "/openapi.yaml", HookDelivery.route, EventGridRoutes.route, PassThroughRoute.route])
        .union(SDKFacadeRoutes.nativeRoutes)

    /// Routes an `operator` may call besides reading: starting runs and toggling schedules.
    static let operatorRoutes: Set<String> = Set([
        "POST /v1/pipelines/{pipeline_id}/runs", "POST \(PipelineEndpointRoutes.runsRoute)", "POST /v1/runs/{run_id}/cancel",
        "POST /v1/runs/{run_id}/retry", "POST /v1/schedules/{id}/enable", "POST /v1/schedules/{id}/disable",
        "POST /v1/schedules/{id}/trigger",
    ] + AzurePathRoutes.triggerRoutes.map { "POST \($0)" })

    func handle(_ request: HTTPRequest, next: (HTTPRequest) -> HTTPReply) -> HTTPReply {
        let ring = keys.current
        guard !ring.isEmpty, let route = request.route, !Self.openRoutes.contains(route) else { return next(request) }
        guard let presented = Self.presentedSecret(request) else {
            return refuse(Self.unauthorized("This endpoint needs an API key: send 'Authorization: Bearer <key>' or 'api-key: <key>'."), request)
        }
        guard let key = ring.key(matching: presented) else {
            if AzurePathRoutes.triggerRoutes.contains(route), Self.isBearer(request) {
                // Maybe an Azure AD token: the route asks Azure before it acts (it cannot here, synchronously).
                var pending = request
                pending.principal = Self.azureTokenPending
                return next(pending)
            }
            return refuse(Self.unauthorized("The API key is not valid."), request)
        }
        let needed = Self.requiredRole(method: request.method, route: route)
        guard key.role >= needed else {
            return refuse(HTTPError(.forbidden, detail: "API key '\(key.name)' has the \(key.role) role; this needs \(needed)."), request)
        }
        if let wait = limiter.acquire(key.name) {
            return refuse(HTTPError(
                .tooManyRequests, detail: "API key '\(key.name)' is over its rate limit; retry after \(wait) s.",
                headers: ["Retry-After": String(wait)]), request)
        }
        var authenticated = request
        authenticated.principal = key.name
        return next(authenticated)
    }

    private func refuse(_ error: HTTPError, _ request: HTTPRequest) -> HTTPReply {
        .now(GatewayErrorRenderer.render(error, request))
    }

    static func requiredRole(method: HTTPMethod, route: String) -> APIKeyRing.Role {
        switch method {
        case .GET, .HEAD, .OPTIONS: .reader
        default: operatorRoutes.contains("\(method) \(route)") ? .operator : .admin
        }
    }

    /// The principal of an Azure-path submit whose bearer token is no API key, until Azure has
    /// accepted it. Only this middleware sets principals; a key absurdly named so would only make its
    /// own submits ask Azure too, which refuses them.
    static let azureTokenPending = "\u{1}azure-token-pending"

    static func isBearer(_ request: HTTPRequest) -> Bool {
        request.headers["Authorization"]?.split(separator: " ", maxSplits: 1).first?.lowercased() == "bearer"
    }

    static func presentedSecret(_ request: HTTPRequest) -> String? {
        if let authorization = request.headers["Authorization"] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return parts[1].trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return request.headers["api-key"]
    }

    static func unauthorized(_ detail: String) -> HTTPError {
        HTTPError(.unauthorized, title: "Unauthorized", detail: detail, headers: ["WWW-Authenticate": "Bearer"])
    }
}
