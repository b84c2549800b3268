public import Foundation

/// A schedule's `cron` trigger: a ``CronExpression`` read in wall-clock time of ``timeZone``, optionally
/// bounded by `start_time` and `end_time` (local, like a recurrence's).
///
/// Unlike a recurrence without `start_time`, a cron trigger does *not* fire at creation: it fires only on
/// matching minutes, as every cron does. Matches are at second 0; `start_time` is compared to the minute.
/// DST follows the wall-clock rules of ``ScheduleTimeZone/instant(for:)``: all matches inside a skipped hour
/// collapse into one fire at the transition instant, and a repeated hour fires only on its first pass.
public struct CronSchedule: EpochSecondsCalendar, Hashable {
    /// The parsed five fields.
    public let expression: CronExpression
    /// The zone the expression's wall-clock fields (and `start_time`/`end_time`) are read in; UTC by default.
    public let timeZone: ScheduleTimeZone
    /// Nothing fires before this local time (compared to the minute).
    public let startTime: LocalDateTime?
    /// Nothing fires after this local time.
    public let endTime: LocalDateTime?
    /// The instant the schedule was created; nothing fires before it.
    public let createdAt: Date

    let lowerBound: Int
    let endSeconds: Int?

    /// Validates a cron trigger given as the plain values of its JSON fields, reporting every problem at once
    /// with pointers relative to the `cron` object (`/expression`, `/time_zone`, `/start_time`, `/end_time`).
    ///
    /// - Parameter createdAt: when the schedule was created; no fire is earlier.
    /// - Throws: ``ScheduleValidationError`` listing every problem.
    public init(
        expression: String?,
        timeZone: String? = nil,
        startTime: String? = nil,
        endTime: String? = nil,
        createdAt: Date
    ) throws(ScheduleValidationError) {
        var reader = TriggerFieldReader()
        var parsed: CronExpression?
        if let expression {
            do {
                parsed = try CronExpression(expression)
            } catch {
                for problem in error.problems { reader.report(problem.pointer, problem.detail) }
            }
        } else {
            reader.report("/expression", "expression is required: five fields, minute hour day-of-month month day-of-week")
        }
        let zone = reader.timeZone(timeZone)
        let start = reader.localDateTime(startTime, field: "start_time")
        let end = reader.localDateTime(endTime, field: "end_time")
        reader.checkOrder(start: start, end: end)
        guard reader.problems.isEmpty, let parsed, let zone else {
            throw ScheduleValidationError(problems: reader.problems)
        }
        self.expression = parsed
        self.timeZone = zone
        self.startTime = start
        self.endTime = end
        self.createdAt = createdAt
        let created = ScheduleTimeZone.epochSeconds(createdAt)
        lowerBound = max(created, start.map { zone.instantSeconds(forLocalSeconds: $0.truncatedToMinute.localSeconds) } ?? created)
        endSeconds = end.map { zone.instantSeconds(forLocalSeconds: $0.localSeconds) }
    }

    var firstSearchSecond: Int { lowerBound }

    func firstOccurrence(atOrAfter seconds: Int) -> Int? {
        guard let occurrence = expression.firstInstant(atOrAfter: max(seconds, lowerBound), in: timeZone),
            occurrence <= (endSeconds ?? CivilCalendar.maxSeconds)
        else { return nil }
        return occurrence
    }
}
