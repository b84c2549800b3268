import Synchronization

/// A Prometheus histogram with labels: counts observations (typically durations) into fixed buckets
/// plus their sum and count, so Prometheus can compute quantiles and averages across instances.
///
/// Obtain one from `MetricsRegistry.histogram(_:help:labelNames:buckets:)`. An observation costs a binary
/// search outside the lock, then one lock and one dictionary lookup.
public final class HistogramFamily: Sendable {
    /// Per label set state. Counts are kept per bucket (not cumulative) so an observation touches one slot;
    /// they are accumulated at scrape time.
    struct Series {
        /// One slot per upper bound, plus a last slot for values above every bound (the `+Inf` bucket).
        var bucketCounts: [Int]
        var sum: Double = 0
        var count = 0

        init(bucketCount: Int) {
            bucketCounts = Array(repeating: 0, count: bucketCount)
        }

        mutating func record(_ value: Double, bucket: Int) {
            bucketCounts[bucket] += 1
            sum += value
            count += 1
        }
    }

    let name: String
    let help: String
    let labelNames: [String]
    /// Sorted, distinct, finite upper bounds; `+Inf` is implicit.
    let upperBounds: [Double]
    private let samples: Mutex<[[String]: Series]>

    /// `buckets` may be unsorted or contain duplicates or `+Inf`; they are normalised here.
    init(name: String, help: String, labelNames: [String], buckets: [Double]) {
        precondition(!buckets.contains(where: \.isNaN), "histogram '\(name)' has a NaN bucket")
        self.name = name
        self.help = help
        self.labelNames = labelNames
        let bounds = Array(Set(buckets.filter { $0 != .infinity })).sorted()
        upperBounds = bounds
        // An unlabelled histogram exists from registration, so a scrape shows zeros rather than nothing.
        samples = Mutex(labelNames.isEmpty ? [[]: Series(bucketCount: bounds.count + 1)] : [:])
    }

    /// Records `value` for `labelValues` (given in `labelNames` order) in the first bucket whose upper
    /// bound is >= `value` (Prometheus buckets are inclusive), and in the sum and count.
    public func observe(_ value: Double, _ labelValues: [String] = []) {
        precondition(
            labelValues.count == labelNames.count,
            "histogram '\(name)' expects labels \(labelNames), got values \(labelValues)"
        )
        let bucket = bucketIndex(for: value)
        let slots = upperBounds.count + 1
        samples.withLock { $0[labelValues, default: Series(bucketCount: slots)].record(value, bucket: bucket) }
    }

    /// Number of observations for `labelValues`.
    public func count(_ labelValues: [String] = []) -> Int {
        samples.withLock { $0[labelValues]?.count ?? 0 }
    }

    /// Sum of observed values for `labelValues`.
    public func sum(_ labelValues: [String] = []) -> Double {
        samples.withLock { $0[labelValues]?.sum ?? 0 }
    }

    /// Index of the first upper bound >= `value`, or `upperBounds.count` (the `+Inf` slot) if none is;
    /// NaN also lands in `+Inf`, as in the official Go client.
    func bucketIndex(for value: Double) -> Int {
        var low = 0
        var high = upperBounds.count
        while low < high {
            let middle = (low + high) / 2
            if value <= upperBounds[middle] {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// This family's block of the text exposition: cumulative `_bucket` lines ending with `le="+Inf"`,
    /// then `_sum` and `_count`, per label set.
    func exposition() -> String {
        let snapshot = samples.withLock { $0 }
        var text = PrometheusText.header(name: name, help: help, type: "histogram")
        let bucketLabels = upperBounds.map(PrometheusText.format) + ["+Inf"]
        for (labelValues, series) in PrometheusText.sortedByLabels(snapshot) {
            var cumulative = 0
            for (slot, upperBound) in bucketLabels.enumerated() {
                cumulative += series.bucketCounts[slot]
                let labels = PrometheusText.labels(names: labelNames, values: labelValues, extra: ("le", upperBound))
                text += name + "_bucket" + labels + " " + String(cumulative) + "\n"
            }
            let labels = PrometheusText.labels(names: labelNames, values: labelValues)
            text += name + "_sum" + labels + " " + PrometheusText.format(series.sum) + "\n"
            text += name + "_count" + labels + " " + String(series.count) + "\n"
        }
        return text
    }
}
