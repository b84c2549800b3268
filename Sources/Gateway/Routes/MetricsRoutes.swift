import HTTPServer
import Observability

/// `/metrics` in Prometheus text format 0.0.4.
enum MetricsRoutes {
    static func register(on router: inout Router, registry: MetricsRegistry) {
        router.on(.GET, "/metrics") { _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": MetricsRegistry.contentType], body: Array(registry.exposition().utf8))
        }
    }
}
