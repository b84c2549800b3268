import Testing

@testable import Observability

@Suite struct HistogramFamilyTests {
    @Test(arguments: [
        (0.05, 0), (0.1, 0), (0.1000001, 1), (0.5, 1), (0.7, 2), (1, 2), (1.5, 3), (-5, 0), (-.infinity, 0),
        (.infinity, 3), (.nan, 3),
    ])
    func bucketIsFirstInclusiveUpperBound(value: Double, bucket: Int) {
        let histogram = MetricsRegistry().histogram("h", help: "h", buckets: [0.1, 0.5, 1])
        #expect(histogram.bucketIndex(for: value) == bucket)
    }

    @Test func bucketSearchMatchesLinearScanForDefaultBuckets() {
        let histogram = MetricsRegistry().histogram("h", help: "h")
        let bounds = Histogram.defaultBuckets
        for step in 0...12_000 {
            let value = Double(step) / 1_000
            let expected = bounds.firstIndex { value <= $0 } ?? bounds.count
            #expect(histogram.bucketIndex(for: value) == expected)
        }
    }

    @Test func normalisesBuckets() {
        let histogram = MetricsRegistry().histogram("h", help: "h", buckets: [1, 0.5, 1, .infinity, 0.25])
        #expect(histogram.upperBounds == [0.25, 0.5, 1])
    }

    @Test func defaultBucketsAreTheDocumentedLatencyBuckets() {
        #expect(Histogram.defaultBuckets == [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
        #expect(MetricsRegistry().histogram("h", help: "h").upperBounds == Histogram.defaultBuckets)
    }

    @Test func countsAndSumsPerLabelSet() {
        let histogram = MetricsRegistry().histogram("h", help: "h", labelNames: ["route"])
        histogram.observe(0.25, ["/a"])
        histogram.observe(2, ["/a"])
        histogram.observe(1, ["/b"])
        #expect(histogram.count(["/a"]) == 2)
        #expect(histogram.sum(["/a"]) == 2.25)
        #expect(histogram.count(["/b"]) == 1)
        #expect(histogram.count(["/c"]) == 0)
        #expect(histogram.sum(["/c"]) == 0)
    }

    @Test func nanBucketIsFatal() async {
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().histogram("h", help: "", buckets: [.nan])
        }
    }
}
