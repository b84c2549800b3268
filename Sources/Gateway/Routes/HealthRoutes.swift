import HTTPServer

/// `/healthz` (the process answers) and `/readyz` (its dependencies are usable). Liveness stays a
/// fixed body built once: load balancers poll it constantly, and it must never depend on I/O.
enum HealthRoutes {
    static func register(on router: inout Router, readiness: Readiness) {
        let health = HTTPResponse.json(.ok, "{\"status\":\"ok\",\"service\":\"pipeline-gateway\",\"version\":\"\(GatewayVersion.current)\"}")
        router.on(.GET, "/healthz") { _ in health }
        router.on(.GET, "/readyz") { _ in readiness.response() }
    }
}
