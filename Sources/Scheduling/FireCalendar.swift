public import Foundation

/// The fire times of a time-based schedule: what the scheduler engine asks to arm its next timer and to find
/// the occurrences it missed while down, and what `GET /v1/schedules/{id}/next` lists.
///
/// A calendar is a pure function of its trigger and of the instant the schedule was created (its `createdAt`,
/// an input because this module never reads a clock). Fire times are whole seconds; nothing is ever before
/// the creation instant (the schedule did not exist) nor after the trigger's `end_time`. Answers are `nil` or
/// short when the schedule has ended, never an endless search.
public protocol FireCalendar: Sendable {
    /// The zone the trigger's wall-clock fields are read in (reported with `next` times).
    var timeZone: ScheduleTimeZone { get }

    /// The schedule's first fire: at creation for a recurrence without `start_time`, else the first
    /// occurrence at or after `start_time` and not before creation; nil if there is none (already ended).
    var firstFireTime: Date? { get }

    /// The earliest fire time strictly after `instant`, or nil if the schedule has no more.
    func nextFireTime(after instant: Date) -> Date?
}

extension FireCalendar {
    /// Up to `count` fire times strictly after `instant`, oldest first (fewer once the schedule ends).
    public func nextFireTimes(after instant: Date, count: Int) -> [Date] {
        var times: [Date] = []
        var cursor = instant
        while times.count < count, let next = nextFireTime(after: cursor) {
            times.append(next)
            cursor = next
        }
        return times
    }

    /// The fire times in `(start, end]`, oldest first, at most `limit` of them: after downtime the engine
    /// passes its last fired time and now to learn what it missed (`catchup`). With `start` nil the range
    /// begins at the schedule's ``firstFireTime`` (inclusive), for a schedule that never fired.
    public func occurrences(after start: Date?, through end: Date, limit: Int) -> [Date] {
        var times: [Date] = []
        var next = start.map { nextFireTime(after: $0) } ?? firstFireTime
        while times.count < limit, let time = next, time <= end {
            times.append(time)
            next = nextFireTime(after: time)
        }
        return times
    }
}

/// A calendar computed in whole epoch seconds: its answers follow from the first occurrence at or after
/// a second, searched from `firstSearchSecond` (the creation second, or later for a cron start time).
protocol EpochSecondsCalendar: FireCalendar {
    var firstSearchSecond: Int { get }
    /// The earliest fire time ≥ `seconds`, nil when the schedule has no more.
    func firstOccurrence(atOrAfter seconds: Int) -> Int?
}

extension EpochSecondsCalendar {
    public var firstFireTime: Date? {
        firstOccurrence(atOrAfter: firstSearchSecond).map(ScheduleTimeZone.date(epochSeconds:))
    }

    public func nextFireTime(after instant: Date) -> Date? {
        let seconds = ScheduleTimeZone.epochSeconds(instant)
        guard seconds < CivilCalendar.maxSeconds else { return nil }
        return firstOccurrence(atOrAfter: seconds + 1).map(ScheduleTimeZone.date(epochSeconds:))
    }
}

/// A source of candidate wall-clock times (local seconds, ascending) for a schedule that keeps local time.
protocol WallClockRule: Sendable {
    /// The first candidate at or after `localSeconds`, or nil if there is none within the search horizon.
    func nextCandidate(onOrAfter localSeconds: Int) -> Int?
}

extension WallClockRule {
    /// The earliest instant ≥ `seconds` of any candidate, read in `zone` under the DST rules. Because that
    /// reading is monotonic in wall-clock time, the search starts at the first wall-clock second whose instant
    /// can reach `seconds` and walks forward; the only candidates it passes over are those of a repeated hour
    /// already fired at their first occurrence (at most an hour's worth).
    func firstInstant(atOrAfter seconds: Int, in zone: ScheduleTimeZone) -> Int? {
        var local = zone.localSeconds(at: seconds - 1) + 1
        for _ in 0..<10_000 {
            guard let candidate = nextCandidate(onOrAfter: local) else { return nil }
            let instant = zone.instantSeconds(forLocalSeconds: candidate)
            if instant >= seconds { return instant <= CivilCalendar.maxSeconds ? instant : nil }
            local = candidate + 1
        }
        return nil
    }
}
