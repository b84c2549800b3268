/// A wall-clock date-time with no zone (`2026-03-29T02:30:00`), the form of a schedule's `start_time` and
/// `end_time`: the SDK sent them as naive local times and named the zone separately in `time_zone`, so an
/// instant exists only once a ``ScheduleTimeZone`` resolves it (see ``ScheduleTimeZone/instant(for:)``).
public struct LocalDateTime: Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// 1…9999.
    public let year: Int
    /// 1…12.
    public let month: Int
    /// 1…28/29/30/31, a day that exists in the month.
    public let day: Int
    /// 0…23.
    public let hour: Int
    /// 0…59.
    public let minute: Int
    /// 0…59 (no leap seconds, as in the SDK's `datetime`).
    public let second: Int

    /// A date-time from its fields, or nil if they do not name a calendar date and time (`2026-02-30`, hour 24).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9_999).contains(year), (1...12).contains(month),
            (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.init(unchecked: year, month, day, hour, minute, second)
    }

    /// Parses exactly `YYYY-MM-DDThh:mm:ss`, the SDK's `start_time` format, or returns nil. An offset or `Z`
    /// makes it nil too: the zone belongs in `time_zone` (use ``hasOffset(_:)`` to say so in a problem).
    public init?(_ description: String) {
        let bytes = Array(description.utf8)
        guard bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = Self.number(bytes, 0, 4), let month = Self.number(bytes, 5, 2),
            let day = Self.number(bytes, 8, 2), let hour = Self.number(bytes, 11, 2),
            let minute = Self.number(bytes, 14, 2), let second = Self.number(bytes, 17, 2)
        else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `YYYY-MM-DDThh:mm:ss`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }

    /// Wall-clock order (the same as instant order in one zone, except inside a repeated hour).
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.localSeconds < rhs.localSeconds
    }

    /// Whether `text` looks like a date-time followed by a UTC offset or `Z` (`…T09:00:00Z`,
    /// `…T09:00:00+01:00`), so a problem can say "drop the offset" rather than "bad format".
    public static func hasOffset(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count > 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return false }
        let tail = bytes[19...].drop(while: { $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        guard let first = tail.first else { return false }
        return first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
    }

    // MARK: - Internal arithmetic

    init(unchecked year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The date-time at `localSeconds` (wall-clock seconds counted as if UTC).
    init(localSeconds: Int) {
        let days = CivilCalendar.floorDiv(localSeconds, CivilCalendar.secondsPerDay)
        let secondOfDay = localSeconds - days * CivilCalendar.secondsPerDay
        let date = CivilCalendar.date(dayNumber: days)
        self.init(
            unchecked: date.year, date.month, date.day,
            secondOfDay / 3_600, secondOfDay % 3_600 / 60, secondOfDay % 60)
    }

    /// Day number of the date (days since 1970-01-01).
    var dayNumber: Int { CivilCalendar.dayNumber(year: year, month: month, day: day) }

    /// This wall-clock time counted as seconds since 1970-01-01T00:00:00 as if it were UTC.
    var localSeconds: Int {
        dayNumber * CivilCalendar.secondsPerDay + hour * 3_600 + minute * 60 + second
    }

    /// The same date-time with the seconds dropped.
    var truncatedToMinute: LocalDateTime {
        LocalDateTime(unchecked: year, month, day, hour, minute, 0)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
