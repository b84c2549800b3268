/// Namespace for histogram configuration shared by all histogram families.
public enum Histogram: Sendable {
    /// Upper bounds in seconds suited to HTTP request latencies, from 0.5 ms to 10 s. A `+Inf` bucket
    /// is always added, so slower observations are still counted.
    public static let defaultBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
}
