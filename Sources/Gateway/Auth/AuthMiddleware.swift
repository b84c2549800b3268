import Foundation
import HTTPServer

/// API-key authentication and role checks for every routed request (DESIGN "Auth"). Open paths —
/// health, readiness, metrics, the OpenAPI document — pass untouched; without keys (loopback only)
/// everything is open.
struct AuthMiddleware: HTTPMiddleware {
    let ring: APIKeyRing

    static let openRoutes: Set<String> = ["/healthz", "/readyz", "/metrics", "/openapi.yaml"]

    /// Routes an `operator` may call besides reading: starting runs and toggling schedules.
    static let operatorRoutes: Set<String> = [
        "POST /v1/pipelines/{pipeline_id}/runs", "POST /v1/runs/{run_id}/cancel", "POST /v1/runs/{run_id}/retry",
        "POST /v1/schedules/{id}/enable", "POST /v1/schedules/{id}/disable", "POST /v1/schedules/{id}/trigger",
    ]

    func handle(_ request: HTTPRequest, next: (HTTPRequest) -> HTTPReply) -> HTTPReply {
        guard !ring.isEmpty, let route = request.route, !Self.openRoutes.contains(route) else { return next(request) }
        guard let presented = Self.presentedSecret(request) else {
            return .now(Self.unauthorized("This endpoint needs an API key: send 'Authorization: Bearer <key>' or 'api-key: <key>'."))
        }
        guard let key = ring.key(matching: presented) else {
            return .now(Self.unauthorized("The API key is not valid."))
        }
        let needed = Self.requiredRole(method: request.method, route: route)
        guard key.role >= needed else {
            return .now(ProblemDetails(
                title: "Forbidden", status: 403,
                detail: "API key '\(key.name)' has the \(key.role) role; this needs \(needed).").response())
        }
        return next(request)
    }

    static func requiredRole(method: HTTPMethod, route: String) -> APIKeyRing.Role {
        switch method {
        case .GET, .HEAD, .OPTIONS: .reader
        default: operatorRoutes.contains("\(method) \(route)") ? .operator : .admin
        }
    }

    static func presentedSecret(_ request: HTTPRequest) -> String? {
        if let authorization = request.headers["Authorization"] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return parts[1].trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return request.headers["api-key"]
    }

    static func unauthorized(_ detail: String) -> HTTPResponse {
        ProblemDetails(title: "Unauthorized", status: 401, detail: detail).response(headers: ["WWW-Authenticate": "Bearer"])
    }
}
