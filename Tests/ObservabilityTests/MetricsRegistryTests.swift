import Dispatch
import Observability
import Synchronization
import Testing

@Suite struct MetricsRegistryTests {
    @Test func exposesASmallRegistryExactly() {
        let registry = MetricsRegistry()
        let requests = registry.counter(
            "http_requests_total",
            help: "Requests served.\nBy \"route\" \\ method.",
            labelNames: ["method", "route"]
        )
        requests.increment(["GET", "/b"])
        requests.increment(["GET", "/a"], by: 2)
        requests.increment(["POST", "/a \"quoted\"\n\\"], by: 0.5)
        registry.gauge("a_temperature", help: "Temperature.").set(-1.5)
        let latency = registry.histogram(
            "latency_seconds", help: "Latency.", labelNames: ["route"], buckets: [0.1, 1, 0.5]
        )
        for value in [0.05, 0.1, 0.7, 3] { latency.observe(value, ["/x"]) }
        latency.observe(0.2, ["/a"])
        registry.gauge("open_connections", help: "Open connections.", reading: { 7 })
        _ = registry.counter("empty_total", help: "Never incremented.", labelNames: ["kind"])

        let expected = """
            # HELP a_temperature Temperature.
            # TYPE a_temperature gauge
            a_temperature -1.5
            # HELP empty_total Never incremented.
            # TYPE empty_total counter
            # HELP http_requests_total Requests served.\\nBy "route" \\\\ method.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",route="/a"} 2
            http_requests_total{method="GET",route="/b"} 1
            http_requests_total{method="POST",route="/a \\"quoted\\"\\n\\\\"} 0.5
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{route="/a",le="0.1"} 0
            latency_seconds_bucket{route="/a",le="0.5"} 1
            latency_seconds_bucket{route="/a",le="1"} 1
            latency_seconds_bucket{route="/a",le="+Inf"} 1
            latency_seconds_sum{route="/a"} 0.2
            latency_seconds_count{route="/a"} 1
            latency_seconds_bucket{route="/x",le="0.1"} 2
            latency_seconds_bucket{route="/x",le="0.5"} 2
            latency_seconds_bucket{route="/x",le="1"} 3
            latency_seconds_bucket{route="/x",le="+Inf"} 4
            latency_seconds_sum{route="/x"} 3.85
            latency_seconds_count{route="/x"} 4
            # HELP open_connections Open connections.
            # TYPE open_connections gauge
            open_connections 7

            """
        #expect(registry.exposition() == expected)
    }

    @Test func unlabelledFamiliesStartAtZero() {
        let registry = MetricsRegistry()
        _ = registry.counter("c_total", help: "c")
        _ = registry.gauge("g", help: "g")
        _ = registry.histogram("h", help: "h", buckets: [1])
        #expect(
            registry.exposition() == """
                # HELP c_total c
                # TYPE c_total counter
                c_total 0
                # HELP g g
                # TYPE g gauge
                g 0
                # HELP h h
                # TYPE h histogram
                h_bucket{le="1"} 0
                h_bucket{le="+Inf"} 0
                h_sum 0
                h_count 0

                """
        )
    }

    @Test func emptyRegistryExposesNothing() {
        #expect(MetricsRegistry().exposition() == "")
    }

    @Test func contentTypeIsPrometheusText004() {
        #expect(MetricsRegistry.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test func registeringTheSameNameReturnsTheExistingFamily() {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "first", labelNames: ["a"])
        let gauge = registry.gauge("g", help: "first")
        let histogram = registry.histogram("h", help: "first", buckets: [2, 1, 2, .infinity])
        #expect(registry.counter("c_total", help: "second", labelNames: ["a"]) === counter)
        #expect(registry.gauge("g", help: "second") === gauge)
        #expect(registry.histogram("h", help: "second", buckets: [1, 2]) === histogram)

        counter.increment(["x"])
        registry.counter("c_total", help: "", labelNames: ["a"]).increment(["x"])
        #expect(counter.value(["x"]) == 2)
        #expect(registry.exposition().contains("# HELP c_total first\n"))
    }

    @Test func readingGaugeIsReadAtEveryScrape() {
        let registry = MetricsRegistry()
        let connections = Mutex(3.0)
        registry.gauge("open_connections", help: "Open.", reading: { connections.withLock { $0 } })
        #expect(registry.exposition().hasSuffix("open_connections 3\n"))
        connections.withLock { $0 = 12.5 }
        #expect(registry.exposition().hasSuffix("open_connections 12.5\n"))
    }

    @Test func reRegisteringAReadingGaugeReplacesTheReading() {
        let registry = MetricsRegistry()
        registry.gauge("r", help: "old", reading: { 1 })
        registry.gauge("r", help: "new", reading: { 2 })
        #expect(registry.exposition() == "# HELP r new\n# TYPE r gauge\nr 2\n")
    }

    /// Readings run without the registry lock held, so they may use the registry themselves.
    @Test func readingMayUseTheRegistry() {
        let registry = MetricsRegistry()
        registry.counter("c_total", help: "c").increment(by: 4)
        registry.gauge("mirror", help: "m", reading: { registry.counter("c_total", help: "c").value() })
        #expect(registry.exposition().contains("\nmirror 4\n"))
    }

    @Test func familiesAreSortedByName() {
        let registry = MetricsRegistry()
        for name in ["zeta", "alpha", "mid_total", "Beta"] {
            _ = registry.gauge(name, help: name)
        }
        let typeLines = registry.exposition().split(separator: "\n").filter { $0.hasPrefix("# TYPE") }
        #expect(typeLines.map { $0.split(separator: " ")[2] } == ["Beta", "alpha", "mid_total", "zeta"])
    }

    @Test func concurrentIncrementsAreExact() {
        let registry = MetricsRegistry()
        let counter = registry.counter("hits_total", help: "h", labelNames: ["shard"])
        let histogram = registry.histogram("d", help: "d")
        DispatchQueue.concurrentPerform(iterations: 16) { thread in
            for _ in 0..<5_000 {
                counter.increment(["all"])
                counter.increment([String(thread % 2)], by: 2)
                histogram.observe(0.003)
            }
        }
        #expect(counter.value(["all"]) == 80_000)
        #expect(counter.value(["0"]) == 80_000)
        #expect(counter.value(["1"]) == 80_000)
        #expect(histogram.count() == 80_000)
        #expect(abs(histogram.sum() - 240) < 1e-6)
    }

    @Test func scrapingWhileUpdatingIsSafe() {
        let registry = MetricsRegistry()
        let counter = registry.counter("c_total", help: "c", labelNames: ["k"])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<2_000 {
                if worker == 0 {
                    _ = registry.exposition()
                } else {
                    counter.increment([String(index % 50)])
                }
            }
        }
        #expect((0..<50).map { counter.value([String($0)]) }.reduce(0, +) == 6_000)
    }

    // Programming errors stop the process; exit tests run each in a child process.

    @Test func typeClashIsFatal() async {
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.counter("x", help: "")
            _ = registry.gauge("x", help: "")
        }
    }

    @Test func readingGaugeClashIsFatal() async {
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.histogram("x", help: "")
            registry.gauge("x", help: "", reading: { 0 })
        }
    }

    @Test func labelNamesMismatchIsFatal() async {
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.counter("x", help: "", labelNames: ["a"])
            _ = registry.counter("x", help: "", labelNames: ["b"])
        }
    }

    @Test func histogramBucketMismatchIsFatal() async {
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.histogram("x", help: "", buckets: [1])
            _ = registry.histogram("x", help: "", buckets: [2])
        }
    }

    @Test func invalidMetricNameIsFatal() async {
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().counter("bad-name", help: "")
        }
    }

    @Test func reservedHistogramLabelIsFatal() async {
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().histogram("x", help: "", labelNames: ["le"])
        }
    }

    @Test func wrongLabelCountIsFatal() async {
        await #expect(processExitsWith: .failure) {
            MetricsRegistry().counter("x", help: "", labelNames: ["a", "b"]).increment(["only one"])
        }
    }
}
