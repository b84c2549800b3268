/// Fields written straight into a log line's bytes, for lines logged on every request (the access
/// log): no field array, no `LogValue` boxing, no key escaping. Keys are compile-time strings and
/// must be plain JSON-safe names that differ from the logger's bound fields.
public struct LogLineFields {
    var encoder: JSONLineEncoder

    public mutating func add(_ key: StaticString, _ value: String) {
        encoder.appendKey(key)
        encoder.appendStringValue(value)
    }

    public mutating func add(_ key: StaticString, _ value: Int) {
        encoder.appendKey(key)
        encoder.appendIntegerValue(value)
    }

    /// A duration given in seconds, written as milliseconds with three decimals (`1.234`).
    public mutating func add(_ key: StaticString, millisecondsFromSeconds seconds: Double) {
        encoder.appendKey(key)
        let microseconds = seconds.isFinite ? Int((seconds * 1_000_000).rounded()) : 0
        encoder.appendFixedPoint(microseconds, fractionDigits: 3)
    }
}

extension Logger {
    /// Logs one line whose fields `build` writes in order after the bound fields.
    public func log(_ level: LogLevel, _ message: String, fields build: (inout LogLineFields) -> Void) {
        guard level >= minimumLevel else { return }
        var fields = LogLineFields(encoder: JSONLineEncoder(
            millisecondsSinceEpoch: RFC3339.nowMilliseconds(), level: level, message: message))
        bound.append(to: &fields.encoder) { _ in false }
        build(&fields)
        sink.write(utf8: fields.encoder.finishBytes())
    }
}
