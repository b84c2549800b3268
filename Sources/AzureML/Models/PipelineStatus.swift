/// Whether a published pipeline accepts runs, as the gateway presents it.
///
/// Mirrors Azure's `EntityStatus` without its wire encodings. A value Azure adds later is kept as
/// `.unknown` rather than guessed, so the gateway can show it and refuse to act on it.
public enum PipelineStatus: Sendable, Hashable, CustomStringConvertible {
    case active
    case deprecated
    case disabled
    case unknown(String)

    /// Parses `Active`, `Deprecated` or `Disabled` in any letter case; nil for anything else.
    public init?(name: String) {
        switch name.lowercased() {
        case "active": self = .active
        case "deprecated": self = .deprecated
        case "disabled": self = .disabled
        default: return nil
        }
    }

    init(_ status: EntityStatus?) {
        switch status {
        case .active: self = .active
        case .deprecated: self = .deprecated
        case .disabled: self = .disabled
        case .unknown(let raw): self = .unknown(raw)
        case nil: self = .unknown("Unknown")
        }
    }

    /// Azure's name: `Active`, `Deprecated`, `Disabled`, or the unknown value as received.
    public var name: String {
        switch self {
        case .active: "Active"
        case .deprecated: "Deprecated"
        case .disabled: "Disabled"
        case .unknown(let raw): raw
        }
    }

    public var description: String { name }
}
