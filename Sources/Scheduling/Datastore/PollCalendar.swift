public import Foundation

/// When a change-based schedule lists its folder: every `intervalMinutes`, at whole multiples of the
/// interval since the Unix epoch rather than from each schedule's creation — so every schedule with
/// the same interval polls at the same instants, and the schedules watching one folder can share one
/// listing per poll.
///
/// The first poll is the first such instant after creation: the baseline listed at creation covers
/// everything before it.
public struct PollCalendar: FireCalendar {
    public let intervalMinutes: Int
    public let createdAt: Date

    /// The SDK's bounds: at least a minute; a day is the longest interval that still makes sense for "watch".
    public static let intervalRange = 1...1440

    public init(intervalMinutes: Int, createdAt: Date) {
        self.intervalMinutes = min(max(intervalMinutes, Self.intervalRange.lowerBound), Self.intervalRange.upperBound)
        self.createdAt = createdAt
    }

    public var timeZone: ScheduleTimeZone { .utc }

    public var firstFireTime: Date? { nextFireTime(after: createdAt) }

    public func nextFireTime(after instant: Date) -> Date? {
        let period = Double(intervalMinutes * 60)
        let step = (instant.timeIntervalSince1970 / period).rounded(.down) + 1
        return Date(timeIntervalSince1970: step * period)
    }
}
