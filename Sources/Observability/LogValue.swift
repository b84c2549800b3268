/// A structured field value in a log line.
///
/// A closed set of JSON-friendly scalars (rather than `Any` or `CustomStringConvertible`) keeps the
/// encoder allocation-light and makes every value's JSON rendering unambiguous: numbers stay numbers
/// and booleans stay booleans for whoever queries the logs later. The literal conformances let call
/// sites write `["status": 200, "path": "/x", "cached": true]` without wrapping each value.
public enum LogValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral, CustomStringConvertible
{
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(integerLiteral value: Int) {
        self = .int(value)
    }

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }

    public init(floatLiteral value: Double) {
        self = .double(value)
    }

    /// The value as plain text: strings unquoted, numbers and booleans as they appear in the JSON line.
    ///
    /// Non-finite doubles read `NaN`, `+Inf` and `-Inf`, the same spelling the JSON encoder uses
    /// (JSON has no literal for them), so text and JSON renderings always agree.
    public var description: String {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): Self.render(number)
        case .bool(let flag): flag ? "true" : "false"
        }
    }

    /// Swift's shortest round-tripping form for finite values; Prometheus-style names otherwise.
    static func render(_ number: Double) -> String {
        if number.isFinite { return number.description }
        if number.isNaN { return "NaN" }
        return number < 0 ? "-Inf" : "+Inf"
    }
}
