/// A five-field cron expression, `minute hour day-of-month month day-of-week`, with Vixie cron's rules:
/// lists (`1,15`), ranges (`1-5`), steps (`*/7`, `1-30/5`, and `5/15` meaning `5-59/15`), month and weekday
/// names (`JAN`–`DEC`, `SUN`–`SAT`, any case), day-of-week 0 and 7 both Sunday, and the OR rule: when both
/// day fields are restricted (neither starts with `*`), a day matches if *either* does. No `L`, `W`, `#`, `?`,
/// seconds field or `@daily` macros — they are not what users of this gateway's cron field expect to need,
/// and an unsupported token is an error, never a silent guess.
///
/// Parse problems carry the pointer `/expression` (the cron object's field) and a detail that names the bad
/// field by position and name, e.g. `field 3 (day-of-month) "32": 32 is above the maximum 31`.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as given.
    public let description: String

    /// Bit n set when value n is allowed.
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    /// Bits 0…6, Sunday = 0 (a 7 is folded onto 0).
    let daysOfWeek: UInt64
    /// Whether the day fields were written starting with `*` (Vixie's rule for OR vs AND).
    let isDayOfMonthStar: Bool
    let isDayOfWeekStar: Bool

    /// Parses `text`, reporting every bad field at once, and an expression that can never match
    /// (`0 0 30 2 *`) as a problem too, so a schedule that would never fire is refused at create.
    ///
    /// - Throws: ``ScheduleValidationError`` whose problems all have the pointer `/expression`.
    public init(_ text: String) throws(ScheduleValidationError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 5 else {
            throw ScheduleValidationError(problems: [
                ScheduleProblem(
                    pointer: "/expression",
                    detail: "expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
            ])
        }
        var problems: [ScheduleProblem] = []
        var sets: [UInt64] = []
        for (field, token) in zip(CronField.allCases, fields) {
            switch field.parse(String(token)) {
            case .success(let bits):
                sets.append(bits)
            case .failure(let message):
                sets.append(0)
                problems.append(
                    ScheduleProblem(
                        pointer: "/expression",
                        detail: "field \(field.position) (\(field.name)) \(quoted(String(token))): \(message)"))
            }
        }
        guard problems.isEmpty else { throw ScheduleValidationError(problems: problems) }
        description = text
        minutes = sets[0]
        hours = sets[1]
        daysOfMonth = sets[2]
        months = sets[3]
        daysOfWeek = (sets[4] | (sets[4] >> 7)) & 0x7F
        isDayOfMonthStar = fields[2].hasPrefix("*")
        isDayOfWeekStar = fields[4].hasPrefix("*")
        if let reason = impossibility {
            throw ScheduleValidationError(problems: [
                ScheduleProblem(pointer: "/expression", detail: "the expression never matches: \(reason)")
            ])
        }
    }

    /// Whether the wall-clock minute `local` matches (its seconds are ignored).
    public func matches(_ local: LocalDateTime) -> Bool {
        Self.contains(minutes, local.minute) && Self.contains(hours, local.hour) && Self.contains(months, local.month)
            && dayMatches(year: local.year, month: local.month, day: local.day)
    }

    /// Vixie's day rule, written once: if either day field starts with `*`, both must match (so the starred
    /// one is no restriction); otherwise either may.
    func dayMatches(year: Int, month: Int, day: Int) -> Bool {
        let weekday = CivilCalendar.isoWeekday(dayNumber: CivilCalendar.dayNumber(year: year, month: month, day: day)) % 7
        let dayOfMonth = Self.contains(daysOfMonth, day)
        let dayOfWeek = Self.contains(daysOfWeek, weekday)
        return isDayOfMonthStar || isDayOfWeekStar ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek
    }

    /// Why no date can ever match, if so. With the OR rule a restricted weekday matches in every month; a
    /// starred day-of-month always contains the 1st, which falls on every weekday over the years. So only a
    /// day-of-month that must match alone can be impossible: when none of its days exists in any chosen month.
    private var impossibility: String? {
        guard isDayOfWeekStar || isDayOfMonthStar else { return nil }
        let leapYearDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for month in 1...12 where Self.contains(months, month) {
            if daysOfMonth & ((UInt64(1) << UInt64(leapYearDays[month - 1] + 1)) - 1) != 0 { return nil }
        }
        return "no day in the day-of-month field exists in any month of the month field (e.g. 30 February)"
    }

    static func contains(_ set: UInt64, _ value: Int) -> Bool {
        value >= 0 && value < 64 && set & (UInt64(1) << UInt64(value)) != 0
    }
}

/// The five fields, their bounds and names.
enum CronField: CaseIterable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    var position: Int {
        switch self {
        case .minute: 1
        case .hour: 2
        case .dayOfMonth: 3
        case .month: 4
        case .dayOfWeek: 5
        }
    }

    var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    var bounds: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Three-letter names, upper-cased, with the value each stands for.
    var names: [String: Int] {
        switch self {
        case .month:
            ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
        case .dayOfWeek:
            ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
        case .minute, .hour, .dayOfMonth:
            [:]
        }
    }

    /// The set of values a field allows, or a message saying what is wrong with it.
    func parse(_ token: String) -> Result<UInt64, CronFieldError> {
        var bits: UInt64 = 0
        for item in token.split(separator: ",", omittingEmptySubsequences: false) {
            switch parseItem(String(item)) {
            case .success(let itemBits): bits |= itemBits
            case .failure(let error): return .failure(error)
            }
        }
        return .success(bits)
    }

    /// One list item: `*`, `N`, `N-M`, each optionally `/STEP`.
    private func parseItem(_ item: String) -> Result<UInt64, CronFieldError> {
        guard !item.isEmpty else { return .failure("empty list item") }
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return .failure("too many \"/\" in \(quoted(item))") }
        var step = 1
        if parts.count == 2 {
            guard let value = Int(parts[1]), parts[1].utf8.allSatisfy({ (48...57).contains($0) }) else {
                return .failure("step \(quoted(String(parts[1]))) is not a number")
            }
            guard value >= 1 else { return .failure("step must be at least 1") }
            step = value
        }
        let range = parts[0]
        var low: Int
        var high: Int
        if range == "*" {
            (low, high) = (bounds.lowerBound, bounds.upperBound)
        } else {
            let ends = range.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2 else { return .failure("too many \"-\" in \(quoted(item))") }
            switch value(String(ends[0])) {
            case .success(let start): low = start
            case .failure(let error): return .failure(error)
            }
            if ends.count == 2 {
                switch value(String(ends[1])) {
                case .success(let end): high = end
                case .failure(let error): return .failure(error)
                }
                // `MON-SUN`, `FRI-SUN`: a range ending on Sunday means 7, the week's end.
                if self == .dayOfWeek, high == 0, low > 0 { high = 7 }
                guard low <= high else { return .failure("range \(quoted(String(range))) starts after it ends") }
            } else {
                high = parts.count == 2 ? bounds.upperBound : low
            }
        }
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) { bits |= UInt64(1) << UInt64(value) }
        return .success(bits)
    }

    /// A number or (month, day-of-week) a name, within bounds.
    private func value(_ text: String) -> Result<Int, CronFieldError> {
        if let named = names[text.uppercased()] { return .success(named) }
        guard !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else {
            let hint = names.isEmpty ? "a number" : "a number or a name such as \(self == .month ? "JAN" : "MON")"
            return .failure(text.isEmpty ? "missing value in a range" : "\(quoted(text)) is not \(hint)")
        }
        guard let number = Int(text), number <= bounds.upperBound else {
            return .failure("\(text) is above the maximum \(bounds.upperBound)")
        }
        guard number >= bounds.lowerBound else { return .failure("\(number) is below the minimum \(bounds.lowerBound)") }
        return .success(number)
    }
}

/// Why one cron field failed to parse (a sentence, shown after the field's name).
struct CronFieldError: Error, ExpressibleByStringInterpolation, CustomStringConvertible {
    let description: String

    init(stringLiteral value: String) {
        description = value
    }

    init(_ description: String) {
        self.description = description
    }
}
