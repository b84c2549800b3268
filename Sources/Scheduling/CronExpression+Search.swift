extension CronExpression: WallClockRule {
    /// How far ahead a search looks before it gives up. Impossible expressions are refused at parse time,
    /// so this only bounds the rarest possible ones: a starred day field makes day-of-month and day-of-week
    /// *both* required, and 29 February on a given weekday can be 40 years away (2060 → 2088 → 2128).
    static let searchHorizonYears = 100

    func nextCandidate(onOrAfter localSeconds: Int) -> Int? {
        nextMatch(onOrAfter: localSeconds).match
    }

    /// The first matching wall-clock minute at or after `localSeconds` (local seconds, rounded up to a minute),
    /// and how many steps the search took. It jumps field by field — to the next allowed month, then day, hour
    /// and minute, each from a bitset — so a match years away costs a few steps per month it passes, never a
    /// minute-by-minute scan.
    func nextMatch(onOrAfter localSeconds: Int) -> (match: Int?, steps: Int) {
        let start = LocalDateTime(localSeconds: CivilCalendar.floorDiv(localSeconds + 59, 60) * 60)
        var (year, month, day, hour, minute) = (start.year, start.month, start.day, start.hour, start.minute)
        let lastYear = min(start.year + Self.searchHorizonYears, 9_999)
        let dayOfMonthMustMatch = isDayOfMonthStar || isDayOfWeekStar
        var steps = 0
        while year <= lastYear {
            steps += 1
            if !Self.contains(months, month) {
                if let next = Self.first(in: months, atOrAfter: month + 1, through: 12) {
                    month = next
                } else {
                    year += 1
                    month = Self.first(in: months, atOrAfter: 1, through: 12) ?? 1
                }
                (day, hour, minute) = (1, 0, 0)
                continue
            }
            if day > CivilCalendar.daysInMonth(year: year, month: month) {
                month += 1
                if month > 12 { (year, month) = (year + 1, 1) }
                (day, hour, minute) = (1, 0, 0)
                continue
            }
            if !dayMatches(year: year, month: month, day: day) {
                if dayOfMonthMustMatch {
                    day = Self.first(in: daysOfMonth, atOrAfter: day + 1, through: 31) ?? 32
                } else {
                    day += 1
                }
                (hour, minute) = (0, 0)
                continue
            }
            if !Self.contains(hours, hour) {
                if let next = Self.first(in: hours, atOrAfter: hour + 1, through: 23) {
                    (hour, minute) = (next, 0)
                } else {
                    (day, hour, minute) = (day + 1, 0, 0)
                }
                continue
            }
            if !Self.contains(minutes, minute) {
                if let next = Self.first(in: minutes, atOrAfter: minute + 1, through: 59) {
                    minute = next
                } else if hour < 23 {
                    (hour, minute) = (hour + 1, 0)
                } else {
                    (day, hour, minute) = (day + 1, 0, 0)
                }
                continue
            }
            return (LocalDateTime(unchecked: year, month, day, hour, minute, 0).localSeconds, steps)
        }
        return (nil, steps)
    }

    /// The smallest value in `set` within `value...limit`.
    static func first(in set: UInt64, atOrAfter value: Int, through limit: Int) -> Int? {
        guard value <= limit, value < 64 else { return nil }
        let remaining = set & (~UInt64(0) << UInt64(max(value, 0)))
        guard remaining != 0 else { return nil }
        let first = remaining.trailingZeroBitCount
        return first <= limit ? first : nil
    }
}
