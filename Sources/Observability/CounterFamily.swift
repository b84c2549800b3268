import Synchronization

/// A Prometheus counter with labels: a value per label set that only ever goes up (requests served,
/// errors seen), from which Prometheus derives rates.
///
/// Obtain one from `MetricsRegistry.counter(_:help:labelNames:)`. Each increment takes one lock and does
/// one dictionary lookup, so it can be called per request.
public final class CounterFamily: Sendable {
    let name: String
    let help: String
    let labelNames: [String]
    private let samples: Mutex<[[String]: Double]>

    init(name: String, help: String, labelNames: [String]) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        // An unlabelled counter exists from registration, so a scrape shows 0 rather than nothing.
        samples = Mutex(labelNames.isEmpty ? [[]: 0] : [:])
    }

    /// Adds `amount` to the counter for `labelValues` (given in `labelNames` order).
    ///
    /// Negative (and NaN) amounts are ignored: a counter that went down would look like a process
    /// restart to Prometheus and corrupt rates. Passing the wrong number of label values is a
    /// programming error.
    public func increment(_ labelValues: [String] = [], by amount: Double = 1) {
        precondition(
            labelValues.count == labelNames.count,
            "counter '\(name)' expects labels \(labelNames), got values \(labelValues)"
        )
        guard amount >= 0 else { return }
        samples.withLock { $0[labelValues, default: 0] += amount }
    }

    /// The current value for `labelValues`, 0 if never incremented. Meant for tests.
    public func value(_ labelValues: [String] = []) -> Double {
        samples.withLock { $0[labelValues] ?? 0 }
    }

    /// This family's block of the text exposition.
    func exposition() -> String {
        let snapshot = samples.withLock { $0 }
        var text = PrometheusText.header(name: name, help: help, type: "counter")
        for (labelValues, value) in PrometheusText.sortedByLabels(snapshot) {
            text += name + PrometheusText.labels(names: labelNames, values: labelValues)
                + " " + PrometheusText.format(value) + "\n"
        }
        return text
    }
}
