import Synchronization

/// The set of metrics a process exposes on its `/metrics` endpoint, rendered in the Prometheus text
/// exposition format 0.0.4.
///
/// Components register their families once (typically at startup) and keep the returned family to
/// update on the hot path; the registry itself is only consulted at registration and scrape time.
public final class MetricsRegistry: Sendable {
    /// What the registry holds under one name; the case is the metric's type.
    private enum Entry: Sendable {
        case counter(CounterFamily)
        case gauge(GaugeFamily)
        case histogram(HistogramFamily)
        case reading(ReadingGauge)

        var kind: String {
            switch self {
            case .counter: "counter"
            case .gauge: "gauge"
            case .histogram: "histogram"
            case .reading: "reading gauge"
            }
        }

        func exposition() -> String {
            switch self {
            case .counter(let family): family.exposition()
            case .gauge(let family): family.exposition()
            case .histogram(let family): family.exposition()
            case .reading(let gauge): gauge.exposition()
            }
        }
    }

    /// The `Content-Type` a `/metrics` response must carry for Prometheus to parse `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Registers (or finds) a counter family.
    ///
    /// Registering the same name again returns the existing family, so independent components can ask
    /// for a shared metric without coordinating. Reusing a name for a different type or different label
    /// names is a programming error and stops the process (`preconditionFailure`); so are names that
    /// Prometheus would reject.
    public func counter(_ name: String, help: String, labelNames: [String] = []) -> CounterFamily {
        PrometheusText.validate(metricName: name, labelNames: labelNames)
        return entries.withLock { entries -> CounterFamily in
            switch entries[name] {
            case nil:
                let family = CounterFamily(name: name, help: help, labelNames: labelNames)
                entries[name] = .counter(family)
                return family
            case .counter(let family)?:
                Self.checkSameLabels(name, family.labelNames, labelNames)
                return family
            case let other?:
                Self.clash(name, existing: other, requested: "counter")
            }
        }
    }

    /// Registers (or finds) a gauge family; same rules as `counter(_:help:labelNames:)`.
    public func gauge(_ name: String, help: String, labelNames: [String] = []) -> GaugeFamily {
        PrometheusText.validate(metricName: name, labelNames: labelNames)
        return entries.withLock { entries -> GaugeFamily in
            switch entries[name] {
            case nil:
                let family = GaugeFamily(name: name, help: help, labelNames: labelNames)
                entries[name] = .gauge(family)
                return family
            case .gauge(let family)?:
                Self.checkSameLabels(name, family.labelNames, labelNames)
                return family
            case let other?:
                Self.clash(name, existing: other, requested: "gauge")
            }
        }
    }

    /// Registers (or finds) a histogram family; same rules as `counter(_:help:labelNames:)`, and a
    /// re-registration must also ask for the same buckets. `le` cannot be a label name: the exposition
    /// uses it for the bucket bound.
    public func histogram(
        _ name: String,
        help: String,
        labelNames: [String] = [],
        buckets: [Double] = Histogram.defaultBuckets
    ) -> HistogramFamily {
        PrometheusText.validate(metricName: name, labelNames: labelNames, reserved: ["le"])
        let requested = HistogramFamily(name: name, help: help, labelNames: labelNames, buckets: buckets)
        return entries.withLock { entries -> HistogramFamily in
            switch entries[name] {
            case nil:
                entries[name] = .histogram(requested)
                return requested
            case .histogram(let family)?:
                Self.checkSameLabels(name, family.labelNames, labelNames)
                precondition(
                    family.upperBounds == requested.upperBounds,
                    "histogram '\(name)' re-registered with buckets \(requested.upperBounds), was \(family.upperBounds)"
                )
                return family
            case let other?:
                Self.clash(name, existing: other, requested: "histogram")
            }
        }
    }

    /// A gauge whose value is read at scrape time (e.g. open connections held elsewhere).
    ///
    /// `reading` is called on the scraping thread, without registry locks held, so it may take its own
    /// locks. Registering the same name again replaces the closure (the latest owner wins); a name already
    /// used by another kind of metric is a programming error.
    public func gauge(_ name: String, help: String, reading: @escaping @Sendable () -> Double) {
        PrometheusText.validate(metricName: name, labelNames: [])
        let gauge = ReadingGauge(name: name, help: help, read: reading)
        entries.withLock { entries in
            switch entries[name] {
            case nil, .reading?:
                entries[name] = .reading(gauge)
            case let other?:
                Self.clash(name, existing: other, requested: "reading gauge")
            }
        }
    }

    /// The whole registry as Prometheus text 0.0.4: families sorted by name, each with `# HELP` and
    /// `# TYPE` lines followed by its samples, label sets sorted, so consecutive scrapes diff cleanly.
    /// Serve it with `contentType`.
    public func exposition() -> String {
        // Snapshot under the lock, render outside it: reading gauges run foreign code.
        let snapshot = entries.withLock { $0 }
        var text = ""
        for (_, entry) in snapshot.sorted(by: { $0.key < $1.key }) {
            text += entry.exposition()
        }
        return text
    }

    private static func checkSameLabels(_ name: String, _ existing: [String], _ requested: [String]) {
        precondition(existing == requested, "metric '\(name)' re-registered with labels \(requested), was \(existing)")
    }

    private static func clash(_ name: String, existing: Entry, requested: String) -> Never {
        preconditionFailure("metric '\(name)' is already registered as a \(existing.kind), not a \(requested)")
    }
}
