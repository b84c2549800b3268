/// The wall-clock candidates of a Day, Week or Month recurrence: which local dates fire, and at which times
/// of day. Dates are found by arithmetic on day and month numbers (a jump straight to the next matching date),
/// so a far-future query costs the same as tomorrow's.
struct RecurrenceRule: WallClockRule, Hashable {
    let frequency: RecurrenceFrequency
    let interval: Int
    /// The anchor's date as a day number, and its Monday (the first day of week 0).
    let anchorDay: Int
    let anchorMonday: Int
    /// The anchor's month as year × 12 + month − 1, and its day of month.
    let anchorMonthIndex: Int
    let anchorDayOfMonth: Int
    /// Bit n set for ISO weekday n (1 = Monday … 7 = Sunday).
    let weekdayMask: UInt8
    /// Minutes of the day, ascending, no repeats, never empty.
    let timesOfDay: [Int]

    private static let maxDay = CivilCalendar.maxSeconds / CivilCalendar.secondsPerDay

    init(frequency: RecurrenceFrequency, interval: Int, anchor: LocalDateTime, isoWeekdays: [Int], timesOfDay: [Int]) {
        self.frequency = frequency
        self.interval = interval
        anchorDay = anchor.dayNumber
        anchorMonday = anchorDay - (CivilCalendar.isoWeekday(dayNumber: anchorDay) - 1)
        anchorMonthIndex = anchor.year * 12 + anchor.month - 1
        anchorDayOfMonth = anchor.day
        weekdayMask = isoWeekdays.reduce(0) { $0 | (1 << UInt8($1)) }
        self.timesOfDay = Array(Set(timesOfDay)).sorted()
    }

    func nextCandidate(onOrAfter localSeconds: Int) -> Int? {
        var day = CivilCalendar.floorDiv(localSeconds, CivilCalendar.secondsPerDay)
        let secondOfDay = localSeconds - day * CivilCalendar.secondsPerDay
        var firstMinute = (secondOfDay + 59) / 60
        for _ in 0..<8 {
            guard let date = nextDate(onOrAfter: day) else { return nil }
            if date != day { firstMinute = 0 }
            if let minute = timesOfDay.first(where: { $0 >= firstMinute }) {
                return date * CivilCalendar.secondsPerDay + minute * 60
            }
            day = date + 1
            firstMinute = 0
        }
        return nil
    }

    /// The first firing date ≥ `day` (never before the anchor's date), or nil past year 9999.
    func nextDate(onOrAfter day: Int) -> Int? {
        let day = max(day, anchorDay)
        let result: Int?
        switch frequency {
        case .day: result = nextDailyDate(onOrAfter: day)
        case .week: result = nextWeeklyDate(onOrAfter: day)
        case .month: result = nextMonthlyDate(onOrAfter: day)
        case .minute, .hour: result = nil
        }
        guard let result, result <= Self.maxDay else { return nil }
        return result
    }

    /// Every `interval`-th day counted from the anchor's date.
    private func nextDailyDate(onOrAfter day: Int) -> Int? {
        guard let offset = CivilCalendar.roundUp(day - anchorDay, toMultipleOf: interval) else { return nil }
        return anchorDay.addingReportingOverflow(offset).overflow ? nil : anchorDay + offset
    }

    /// The chosen weekdays of every `interval`-th Monday-based week counted from the anchor's week.
    private func nextWeeklyDate(onOrAfter day: Int) -> Int? {
        var week = (day - anchorMonday) / 7
        var fromWeekday = CivilCalendar.isoWeekday(dayNumber: day)
        for _ in 0..<3 {
            guard let aligned = CivilCalendar.roundUp(week, toMultipleOf: interval) else { return nil }
            if aligned != week {
                week = aligned
                fromWeekday = 1
            }
            if let weekday = (fromWeekday...7).first(where: { weekdayMask & (1 << UInt8($0)) != 0 }) {
                let (weekStart, overflow) = week.multipliedReportingOverflow(by: 7)
                guard !overflow, weekStart <= Self.maxDay else { return nil }
                return anchorMonday + weekStart + weekday - 1
            }
            let (nextWeek, overflow) = week.addingReportingOverflow(interval)
            guard !overflow else { return nil }
            week = nextWeek
            fromWeekday = 1
        }
        return nil
    }

    /// The anchor's day of month (or the month's last day) of every `interval`-th month from the anchor's.
    private func nextMonthlyDate(onOrAfter day: Int) -> Int? {
        let date = CivilCalendar.date(dayNumber: day)
        var index = date.year * 12 + date.month - 1
        for _ in 0..<3 {
            guard let offset = CivilCalendar.roundUp(index - anchorMonthIndex, toMultipleOf: interval),
                !anchorMonthIndex.addingReportingOverflow(offset).overflow
            else { return nil }
            index = anchorMonthIndex + offset
            let year = CivilCalendar.floorDiv(index, 12)
            let month = index - year * 12 + 1
            guard year <= 9_999 else { return nil }
            let dayOfMonth = min(anchorDayOfMonth, CivilCalendar.daysInMonth(year: year, month: month))
            let candidate = CivilCalendar.dayNumber(year: year, month: month, day: dayOfMonth)
            if candidate >= day { return candidate }
            index += 1
        }
        return nil
    }
}
