public import Foundation

/// What to do with occurrences that passed while the gateway was down (DESIGN "Scheduler guarantees").
public enum CatchupPolicy: String, Sendable, CaseIterable {
    /// One run for the newest missed time (the default).
    case latest
    /// No run; every missed time is recorded as missed.
    case none
    /// Every missed time, oldest first, at most `CatchupPolicy.maximumReplayed`; the rest are recorded missed.
    case all

    public static let maximumReplayed = 100

    /// Splits `missed` (oldest first) into the times to fire now and the ones to record as missed.
    public func plan(_ missed: [Date]) -> (fire: [Date], passOver: [Date]) {
        switch self {
        case .none:
            return ([], missed)
        case .latest:
            guard let newest = missed.last else { return ([], []) }
            return ([newest], Array(missed.dropLast()))
        case .all:
            return (Array(missed.prefix(Self.maximumReplayed)), Array(missed.dropFirst(Self.maximumReplayed)))
        }
    }
}
