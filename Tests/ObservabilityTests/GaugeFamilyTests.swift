import Observability
import Testing

@Suite struct GaugeFamilyTests {
    @Test func setAndAddPerLabelSet() {
        let gauge = MetricsRegistry().gauge("g", help: "g", labelNames: ["queue"])
        gauge.set(5, ["a"])
        gauge.add(-2, ["a"])
        gauge.add(1.5, ["b"])
        #expect(gauge.value(["a"]) == 3)
        #expect(gauge.value(["b"]) == 1.5)
        #expect(gauge.value(["c"]) == 0)
        gauge.set(-7, ["b"])
        #expect(gauge.value(["b"]) == -7)
    }

    @Test func unlabelledGaugeStartsAtZero() {
        let gauge = MetricsRegistry().gauge("g", help: "g")
        #expect(gauge.value() == 0)
        gauge.add(1)
        gauge.add(1)
        gauge.add(-3)
        #expect(gauge.value() == -1)
    }

    @Test func wrongLabelCountIsFatal() async {
        await #expect(processExitsWith: .failure) {
            MetricsRegistry().gauge("g", help: "", labelNames: ["a"]).set(1)
        }
    }
}
