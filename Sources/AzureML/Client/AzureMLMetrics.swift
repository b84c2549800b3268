import Observability

/// The client's Prometheus families, registered once per registry (registering again returns the
/// same family, so several clients can share a registry).
///
/// - `azureml_requests_total{operation,outcome}`: one per HTTP attempt (a retried call counts each
///   attempt), plus refusals by the open circuit; `outcome` is `success` or an `AzureMLError.Code`
///   raw value (`not_found`, `server_error`, `timeout`, …).
/// - `azureml_request_duration_seconds{operation}`: duration of each HTTP attempt.
/// - `azureml_token_refreshes_total`: token fetches made by a `TokenCache`.
struct AzureMLMetrics: Sendable {
    let requests: CounterFamily
    let durations: HistogramFamily

    init(registry: MetricsRegistry) {
        requests = registry.counter(
            "azureml_requests_total",
            help: "HTTP requests to Azure ML by operation and outcome.",
            labelNames: ["operation", "outcome"]
        )
        durations = registry.histogram(
            "azureml_request_duration_seconds",
            help: "Duration of HTTP requests to Azure ML by operation.",
            labelNames: ["operation"],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
        )
    }

    static func tokenRefreshes(_ registry: MetricsRegistry) -> CounterFamily {
        registry.counter("azureml_token_refreshes_total", help: "Access tokens fetched from the identity endpoint.")
    }
}
