public import Foundation

/// A schedule's `recurrence` trigger: the SDK v1 `ScheduleRecurrence`, validated by the SDK's rules and
/// fired by the semantics of DESIGN.md "Schedules".
///
/// - Minute and Hour step `interval` × 60 s / 3600 s in absolute time from the anchor (`start_time`, else the
///   creation instant); DST does not move them.
/// - Day, Week and Month keep local wall-clock time in ``timeZone``, at the times of day `hours` × `minutes`
///   (a missing list takes the anchor's hour or minute; `time_of_day` "HH:MM" is sugar for one of each).
///   Day fires every `interval`-th day from the anchor's date; Week on `week_days` (default: the anchor's
///   weekday) of every `interval`-th week from the anchor's week, weeks starting on Monday; Month on the
///   anchor's day of month every `interval` months, on the last day of shorter months.
/// - With a future `start_time` the first fire is the first occurrence at or after it; with a past one, the
///   first occurrence from creation on; without one, a fire right at creation, then the occurrences. Nothing
///   fires after `end_time`.
///
/// Wall-clock fire times are at second 0 of their minute, and `start_time` is compared to them to the
/// minute, so `start_time` 09:00:30 with a daily 09:00 still fires at 09:00 that day.
public struct Recurrence: FireCalendar, Hashable {
    /// Minute/Hour step in absolute time; Day/Week/Month keep wall-clock time.
    public let frequency: RecurrenceFrequency
    /// ≥ 1.
    public let interval: Int
    /// The anchor, local to ``timeZone``; nil means the creation instant.
    public let startTime: LocalDateTime?
    /// No fire after this local time.
    public let endTime: LocalDateTime?
    /// The zone `start_time`, `end_time` and the times of day are read in (UTC unless given).
    public let timeZone: ScheduleTimeZone
    /// As given (Day/Week only), before `time_of_day` is applied.
    public let hours: [Int]?
    /// As given (Day/Week only), before `time_of_day` is applied.
    public let minutes: [Int]?
    /// As given (Week only).
    public let weekDays: [Weekday]?
    /// As given, "HH:MM" (Day/Week only).
    public let timeOfDay: String?
    /// The instant the schedule was created (the anchor when there is no `start_time`).
    public let createdAt: Date

    /// First second anything may fire (creation, or the start), in epoch seconds.
    let createdSeconds: Int
    let lowerBound: Int
    let endSeconds: Int?
    /// Minute/Hour: the anchor instant and the step in seconds (`Int.max` when it overflows).
    let anchorSeconds: Int
    let stepSeconds: Int
    /// Day/Week/Month: the wall-clock candidates.
    let wallClockRule: RecurrenceRule?

    /// Validates a recurrence given as the plain values of its JSON fields and builds its calendar.
    ///
    /// Every SDK rule is checked and *all* violations are thrown together, each with a pointer relative to the
    /// `recurrence` object: `frequency` one of Minute/Hour/Day/Week/Month (case-sensitive) and `interval` ≥ 1,
    /// both required; `hours` (0–23) and `minutes` (0–59) only with Day or Week; `week_days` (Monday…Sunday)
    /// only with Week; `time_of_day` ("HH:MM", Day or Week) not with `hours`/`minutes`; `start_time` and
    /// `end_time` as `YYYY-MM-DDThh:mm:ss` without offset; `time_zone` an IANA or SDK Windows name (default
    /// UTC). Beyond the SDK: an empty `hours`/`minutes`/`week_days` list and an `end_time` before
    /// `start_time` are refused too, since such a schedule could never fire.
    ///
    /// - Parameter createdAt: when the schedule was created; the anchor and first fire without `start_time`,
    ///   and the earliest possible fire time in any case.
    /// - Throws: ``ScheduleValidationError`` listing every problem.
    public init(
        frequency: String?,
        interval: Int?,
        startTime: String? = nil,
        timeZone: String? = nil,
        hours: [Int]? = nil,
        minutes: [Int]? = nil,
        weekDays: [String]? = nil,
        timeOfDay: String? = nil,
        endTime: String? = nil,
        createdAt: Date
    ) throws(ScheduleValidationError) {
        var reader = TriggerFieldReader()

        var parsedFrequency: RecurrenceFrequency?
        if let frequency {
            parsedFrequency = RecurrenceFrequency(rawValue: frequency)
            if parsedFrequency == nil {
                reader.report("/frequency", "\(quoted(frequency)) is not a frequency: use Minute, Hour, Day, Week or Month (exact case)")
            }
        } else {
            reader.report("/frequency", "frequency is required: Minute, Hour, Day, Week or Month")
        }

        if let interval {
            if interval < 1 { reader.report("/interval", "interval must be an integer of at least 1, not \(interval)") }
        } else {
            reader.report("/interval", "interval is required: an integer of at least 1")
        }

        let wrongFrequency = parsedFrequency.map { !$0.acceptsTimesOfDay } ?? false
        Self.checkList(hours, field: "hours", unit: "hour", range: 0...23, wrongFrequency: wrongFrequency, frequency: parsedFrequency, into: &reader)
        Self.checkList(minutes, field: "minutes", unit: "minute", range: 0...59, wrongFrequency: wrongFrequency, frequency: parsedFrequency, into: &reader)

        var parsedWeekDays: [Weekday]?
        if let weekDays {
            if let parsedFrequency, parsedFrequency != .week {
                reader.report("/week_days", "week_days can only be given with frequency Week, not \(parsedFrequency.rawValue)")
            }
            if weekDays.isEmpty { reader.report("/week_days", "week_days must list at least one day, Monday…Sunday") }
            var days: [Weekday] = []
            for (index, name) in weekDays.enumerated() {
                if let day = Weekday(rawValue: name) {
                    days.append(day)
                } else {
                    reader.report(
                        "/week_days/\(index)",
                        "\(quoted(name)) is not a week day: use Monday, Tuesday, Wednesday, Thursday, Friday, Saturday or Sunday (exact case)")
                }
            }
            parsedWeekDays = days
        }

        var timeOfDayValue: (hour: Int, minute: Int)?
        if let timeOfDay {
            if hours != nil || minutes != nil {
                reader.report("/time_of_day", "time_of_day cannot be given together with hours or minutes")
            }
            if let parsedFrequency, !parsedFrequency.acceptsTimesOfDay {
                reader.report("/time_of_day", "time_of_day can only be given with frequency Day or Week, not \(parsedFrequency.rawValue)")
            }
            timeOfDayValue = Self.parseTimeOfDay(timeOfDay)
            if timeOfDayValue == nil {
                reader.report("/time_of_day", "\(quoted(timeOfDay)) is not a time of day \"HH:MM\" (hour 0–23, minute 00–59)")
            }
        }

        let zone = reader.timeZone(timeZone)
        let start = reader.localDateTime(startTime, field: "start_time")
        let end = reader.localDateTime(endTime, field: "end_time")
        reader.checkOrder(start: start, end: end)

        guard reader.problems.isEmpty, let parsedFrequency, let interval, let zone else {
            throw ScheduleValidationError(problems: reader.problems)
        }

        self.frequency = parsedFrequency
        self.interval = interval
        self.startTime = start
        self.endTime = end
        self.timeZone = zone
        self.hours = hours
        self.minutes = minutes
        self.weekDays = parsedWeekDays
        self.timeOfDay = timeOfDay
        self.createdAt = createdAt

        let created = ScheduleTimeZone.epochSeconds(createdAt)
        createdSeconds = created
        endSeconds = end.map { zone.instantSeconds(forLocalSeconds: $0.localSeconds) }
        let anchor = start ?? zone.localDateTime(at: createdAt)
        anchorSeconds = start.map { zone.instantSeconds(forLocalSeconds: $0.localSeconds) } ?? created
        let unit = parsedFrequency == .minute ? 60 : 3_600
        let (step, overflow) = interval.multipliedReportingOverflow(by: unit)
        stepSeconds = overflow ? Int.max : step

        if parsedFrequency.keepsWallClockTime {
            let hourList = timeOfDayValue.map { [$0.hour] } ?? hours ?? [anchor.hour]
            let minuteList = timeOfDayValue.map { [$0.minute] } ?? minutes ?? [anchor.minute]
            let weekdayNumbers = (parsedWeekDays ?? []).map(\.isoNumber)
            wallClockRule = RecurrenceRule(
                frequency: parsedFrequency,
                interval: interval,
                anchor: anchor,
                isoWeekdays: weekdayNumbers.isEmpty ? [CivilCalendar.isoWeekday(dayNumber: anchor.dayNumber)] : weekdayNumbers,
                timesOfDay: hourList.flatMap { hour in minuteList.map { hour * 60 + $0 } })
            let startBound = start.map { zone.instantSeconds(forLocalSeconds: $0.truncatedToMinute.localSeconds) }
            lowerBound = startBound.map { max($0, created) } ?? created + 1
        } else {
            wallClockRule = nil
            lowerBound = start == nil ? created + 1 : max(anchorSeconds, created)
        }
    }

    private static func checkList(
        _ values: [Int]?, field: String, unit: String, range: ClosedRange<Int>, wrongFrequency: Bool,
        frequency: RecurrenceFrequency?, into reader: inout TriggerFieldReader
    ) {
        guard let values else { return }
        if wrongFrequency, let frequency {
            reader.report("/\(field)", "\(field) can only be given with frequency Day or Week, not \(frequency.rawValue)")
        }
        if values.isEmpty {
            reader.report("/\(field)", "\(field) must list at least one \(unit) (\(range.lowerBound)–\(range.upperBound))")
        }
        for (index, value) in values.enumerated() where !range.contains(value) {
            reader.report("/\(field)/\(index)", "\(unit) \(value) is out of range \(range.lowerBound)–\(range.upperBound)")
        }
    }

    /// "H:MM" or "HH:MM" (the SDK's `[0-9]{1,2}:[0-9]{2}$`), hour 0–23, minute 0–59.
    private static func parseTimeOfDay(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].utf8.count), parts[1].utf8.count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }
}

extension Recurrence: EpochSecondsCalendar {
    var firstSearchSecond: Int { createdSeconds }

    /// The earliest fire time ≥ `seconds`: the creation fire (no `start_time`), else a regular occurrence
    /// not before the lower bound; none past `end_time`. Minute and Hour are `FixedStepCalendar`'s arithmetic.
    func firstOccurrence(atOrAfter seconds: Int) -> Int? {
        guard let wallClockRule else { return fixedStep?.firstOccurrence(atOrAfter: seconds) }
        let occurrence = startTime == nil && seconds <= createdSeconds
            ? createdSeconds : wallClockRule.firstInstant(atOrAfter: max(seconds, lowerBound), in: timeZone)
        guard let occurrence, occurrence <= (endSeconds ?? CivilCalendar.maxSeconds) else { return nil }
        return occurrence
    }
}
