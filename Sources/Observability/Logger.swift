/// Writes structured log lines, one JSON object per call:
///
///     {"ts":"2026-11-25T10:11:12.345Z","level":"info","msg":"...","<field>":<value>,...}
///
/// A `Logger` is a small value: copy it, add request-scoped fields with `with(_:)`, and pass it down.
/// All copies share one sink. Messages and fields are autoclosures, so a line below `minimumLevel`
/// costs a single comparison: nothing is formatted or allocated.
///
/// Field order is fixed so lines are easy to scan and diff: `ts`, `level`, `msg`, then the bound
/// fields sorted by key, then the call's fields (sorted by key when given as a dictionary, as given
/// for `orderedFields`). A call field with the same key as a bound field replaces it, so the key
/// appears once, in the call's position.
public struct Logger: Sendable {
    /// Lines below this level are discarded before their message is evaluated.
    public var minimumLevel: LogLevel

    let sink: any LogSink
    var bound: BoundFields

    /// - Parameters:
    ///   - sink: Where lines go. Standard error by default, the conventional place for service logs.
    ///   - minimumLevel: Least important level that is written.
    ///   - fields: Fields added to every line (e.g. service name, version).
    public init(
        sink: any LogSink = FileDescriptorLogSink.standardError,
        minimumLevel: LogLevel = .info,
        fields: [String: LogValue] = [:]
    ) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.bound = BoundFields(fields)
    }

    /// The fields this logger adds to every line.
    var fields: [String: LogValue] { bound.values }

    /// A logger writing to the same sink that also adds `fields` to every line; a key already bound is
    /// replaced. The fields are encoded here, once, not on every line.
    public func with(_ fields: [String: LogValue]) -> Logger {
        var copy = self
        copy.bound = bound.merging(fields)
        return copy
    }

    /// Writes one line at `level` if it is at least `minimumLevel`.
    public func log(
        _ level: LogLevel,
        _ message: @autoclosure () -> String,
        _ fields: @autoclosure () -> [String: LogValue] = [:]
    ) {
        guard level >= minimumLevel else { return }
        var encoder = JSONLineEncoder(
            millisecondsSinceEpoch: RFC3339.nowMilliseconds(),
            level: level,
            message: message()
        )
        let callFields = fields()
        if callFields.isEmpty {
            bound.append(to: &encoder) { _ in false }
        } else {
            bound.append(to: &encoder) { callFields[$0] != nil }
            for (key, value) in callFields.sorted(by: { $0.key < $1.key }) {
                encoder.appendField(key, value)
            }
        }
        sink.write(encoder.finish())
    }

    /// Writes a pre-ordered list of fields without building a `Dictionary` or sorting, for the access
    /// log hot path. Keys are written in the given order and should be unique within the list (they
    /// are not de-duplicated against each other, only against the bound fields).
    public func log(_ level: LogLevel, _ message: String, orderedFields: [(String, LogValue)]) {
        guard level >= minimumLevel else { return }
        var encoder = JSONLineEncoder(
            millisecondsSinceEpoch: RFC3339.nowMilliseconds(),
            level: level,
            message: message
        )
        bound.append(to: &encoder) { key in orderedFields.contains { $0.0 == key } }
        for (key, value) in orderedFields {
            encoder.appendField(key, value)
        }
        sink.write(encoder.finish())
    }

    /// Detail useful while developing or diagnosing; usually filtered out in production.
    public func debug(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: LogValue] = [:]) {
        log(.debug, message(), fields())
    }

    /// Normal operation worth recording (startup, configuration, requests).
    public func info(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: LogValue] = [:]) {
        log(.info, message(), fields())
    }

    /// Something unexpected that the service recovered from.
    public func warning(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: LogValue] = [:]) {
        log(.warning, message(), fields())
    }

    /// A failure that needs attention.
    public func error(_ message: @autoclosure () -> String, _ fields: @autoclosure () -> [String: LogValue] = [:]) {
        log(.error, message(), fields())
    }

    /// Pushes buffered lines to their destination, e.g. before the process exits.
    public func flush() {
        sink.flush()
    }
}
