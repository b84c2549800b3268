public import Observability

/// Request counters and latency histograms by route template (never by raw path, so ids cannot
/// explode the series count), plus the protocol each request came on.
public struct HTTPMetricsObserver: HTTPExchangeObserver {
    private let requests: CounterFamily
    private let durations: HistogramFamily

    public init(registry: MetricsRegistry) {
        requests = registry.counter(
            "http_requests_total", help: "HTTP requests answered, by route template, method, status and protocol.",
            labelNames: ["route", "method", "status", "protocol"])
        durations = registry.histogram(
            "http_request_duration_seconds", help: "Time from a complete request head to its queued response, by route template.",
            labelNames: ["route"])
    }

    public func exchangeCompleted(_ record: HTTPExchangeRecord) {
        requests.increment([record.route, record.method?.rawValue ?? "-", String(record.status), record.version.description])
        durations.observe(record.durationSeconds, [record.route])
    }
}
