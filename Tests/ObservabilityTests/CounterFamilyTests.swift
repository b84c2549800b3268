import Observability
import Testing

@Suite struct CounterFamilyTests {
    @Test func incrementsPerLabelSet() {
        let counter = MetricsRegistry().counter("c_total", help: "c", labelNames: ["method"])
        counter.increment(["GET"])
        counter.increment(["GET"], by: 2.5)
        counter.increment(["POST"])
        #expect(counter.value(["GET"]) == 3.5)
        #expect(counter.value(["POST"]) == 1)
        #expect(counter.value(["PUT"]) == 0)
    }

    @Test(arguments: [-1.0, -0.5, -.infinity, .nan])
    func ignoresNegativeAndNaNAmounts(amount: Double) {
        let counter = MetricsRegistry().counter("c_total", help: "c")
        counter.increment(by: 2)
        counter.increment(by: amount)
        #expect(counter.value() == 2)
    }

    @Test func unlabelledCounterDefaultsToNoLabels() {
        let counter = MetricsRegistry().counter("c_total", help: "c")
        #expect(counter.value() == 0)
        counter.increment()
        counter.increment()
        #expect(counter.value() == 2)
    }
}
