import Synchronization

/// A Prometheus gauge with labels: a value per label set that can go up and down (queue depth,
/// in-flight requests, last run timestamp).
///
/// Obtain one from `MetricsRegistry.gauge(_:help:labelNames:)`. For a value owned elsewhere that is
/// only worth reading at scrape time, register `MetricsRegistry.gauge(_:help:reading:)` instead.
public final class GaugeFamily: Sendable {
    let name: String
    let help: String
    let labelNames: [String]
    private let samples: Mutex<[[String]: Double]>

    init(name: String, help: String, labelNames: [String]) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        // An unlabelled gauge exists from registration, so a scrape shows 0 rather than nothing.
        samples = Mutex(labelNames.isEmpty ? [[]: 0] : [:])
    }

    /// Replaces the value for `labelValues` (given in `labelNames` order).
    public func set(_ value: Double, _ labelValues: [String] = []) {
        checkArity(labelValues)
        samples.withLock { $0[labelValues] = value }
    }

    /// Adds `delta` (possibly negative) to the value for `labelValues`, starting from 0.
    public func add(_ delta: Double, _ labelValues: [String] = []) {
        checkArity(labelValues)
        samples.withLock { $0[labelValues, default: 0] += delta }
    }

    /// The current value for `labelValues`, 0 if never set.
    public func value(_ labelValues: [String] = []) -> Double {
        samples.withLock { $0[labelValues] ?? 0 }
    }

    /// This family's block of the text exposition.
    func exposition() -> String {
        let snapshot = samples.withLock { $0 }
        var text = PrometheusText.header(name: name, help: help, type: "gauge")
        for (labelValues, value) in PrometheusText.sortedByLabels(snapshot) {
            text += name + PrometheusText.labels(names: labelNames, values: labelValues)
                + " " + PrometheusText.format(value) + "\n"
        }
        return text
    }

    private func checkArity(_ labelValues: [String]) {
        precondition(
            labelValues.count == labelNames.count,
            "gauge '\(name)' expects labels \(labelNames), got values \(labelValues)"
        )
    }
}
