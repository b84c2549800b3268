/// How important a log line is.
///
/// Levels are ordered so a logger can drop everything below its configured minimum with one integer
/// comparison, before the message or fields are even built.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug
    case info
    case warning
    case error

    /// Parses a level name as it appears in configuration or environment variables.
    ///
    /// Matching is case-insensitive so that `LOG_LEVEL=INFO` and `log_level=info` both work;
    /// anything else yields `nil` so the caller can reject a typo instead of silently logging at a default.
    public init?(name: String) {
        switch name.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "warning": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    /// The lowercase name written in the `level` field of every log line, and accepted by `init?(name:)`.
    public var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
