import Foundation
import Observability
import Testing

/// Pins the public surface other targets are written against: if a name, label or type changes,
/// this file stops compiling.
@Suite struct PublicAPITests {
    @Test func signaturesAreStable() {
        let _: (String) -> LogLevel? = LogLevel.init(name:)
        let _: [LogLevel] = LogLevel.allCases
        let _: Int = LogLevel.error.rawValue
        let _: (Int32, Duration) -> FileDescriptorLogSink = FileDescriptorLogSink.init(fileDescriptor:flushInterval:)
        let _: FileDescriptorLogSink = FileDescriptorLogSink.standardError
        let _: any LogSink = InMemoryLogSink()
        let _: (Date, Bool) -> String = rfc3339UTC(_:milliseconds:)
        let _: String = MetricsRegistry.contentType
        let _: [Double] = Histogram.defaultBuckets

        let memory = InMemoryLogSink()
        let _: [String] = memory.lines
        let _: [[String: String]] = memory.entries()
        memory.removeAll()

        var logger = Logger(sink: memory, minimumLevel: .debug, fields: ["k": "v"])
        logger.minimumLevel = .info
        let scoped: Logger = logger.with(["a": 1])
        scoped.log(.info, "m", ["d": 1.5, "b": true])
        scoped.log(.info, "m")
        scoped.log(.warning, "m", orderedFields: [("s", .string("x")), ("i", .int(1))])
        scoped.debug("m")
        scoped.info("m", [:])
        scoped.warning("m")
        scoped.error("m", ["e": "x"])
        scoped.flush()
        _ = Logger()
        _ = Logger(sink: memory)
        _ = rfc3339UTC()

        let registry = MetricsRegistry()
        let counter: CounterFamily = registry.counter("c_total", help: "h")
        let labelled: CounterFamily = registry.counter("l_total", help: "h", labelNames: ["a"])
        counter.increment()
        counter.increment(by: 2)
        labelled.increment(["x"], by: 1)
        let _: Double = labelled.value(["x"]) + counter.value()
        let gauge: GaugeFamily = registry.gauge("g", help: "h", labelNames: [])
        gauge.set(1)
        gauge.add(-1)
        let _: Double = gauge.value()
        registry.gauge("r", help: "h", reading: { 1 })
        let histogram: HistogramFamily = registry.histogram("h", help: "h", labelNames: [], buckets: [1])
        _ = registry.histogram("h2", help: "h")
        histogram.observe(0.5)
        let _: Int = histogram.count()
        let _: Double = histogram.sum()
        let _: String = registry.exposition()

        #expect(memory.lines.count == 6)  // debug is below .info
    }

    @Test func publicTypesAreSendable() {
        func requireSendable<T: Sendable>(_: T.Type) {}
        requireSendable(LogLevel.self)
        requireSendable(LogValue.self)
        requireSendable(Logger.self)
        requireSendable(FileDescriptorLogSink.self)
        requireSendable(InMemoryLogSink.self)
        requireSendable(MetricsRegistry.self)
        requireSendable(CounterFamily.self)
        requireSendable(GaugeFamily.self)
        requireSendable(HistogramFamily.self)
        requireSendable(Histogram.self)
    }
}
