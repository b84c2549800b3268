/// Proleptic Gregorian date arithmetic on day numbers (days since 1970-01-01) and "local seconds" (a wall-clock
/// date-time counted as if it were UTC). Pure integer math: schedules step through dates far faster and more
/// predictably than with `Calendar`, and the time zone is consulted only to turn a wall-clock time into an instant.
enum CivilCalendar {
    static let secondsPerDay = 86_400

    /// 0001-01-01T00:00:00 and 9999-12-31T23:59:59, the range of `YYYY` years; schedules never go past it.
    static let minSeconds = -62_135_596_800
    static let maxSeconds = 253_402_300_799

    /// The day number of `year-month-day` (H. Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number (H. Hinnant's `civil_from_days`).
    static func date(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    static func isoWeekday(dayNumber: Int) -> Int {
        floorMod(dayNumber + 3, 7) + 1
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorMod(_ a: Int, _ b: Int) -> Int {
        a - floorDiv(a, b) * b
    }

    /// The smallest multiple of `step` (> 0) that is ≥ `value` (≥ 0), or nil on overflow.
    static func roundUp(_ value: Int, toMultipleOf step: Int) -> Int? {
        let remainder = value % step
        if remainder == 0 { return value }
        let (sum, overflow) = value.addingReportingOverflow(step - remainder)
        return overflow ? nil : sum
    }
}
