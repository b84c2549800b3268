/// The SDK v1 `ScheduleRecurrence.frequency` values, spelled as the SDK sends them (case-sensitive).
public enum RecurrenceFrequency: String, Sendable, Hashable, CaseIterable {
    case minute = "Minute"
    case hour = "Hour"
    case day = "Day"
    case week = "Week"
    case month = "Month"

    /// Day, Week and Month keep local wall-clock time; Minute and Hour step in absolute time.
    var keepsWallClockTime: Bool {
        switch self {
        case .minute, .hour: false
        case .day, .week, .month: true
        }
    }

    /// `hours`, `minutes` and `time_of_day` are accepted only with Day or Week (SDK rule).
    var acceptsTimesOfDay: Bool { self == .day || self == .week }
}

/// The SDK v1 `week_days` names, Monday first (weeks start on Monday for `Week` intervals).
public enum Weekday: String, Sendable, Hashable, CaseIterable {
    case monday = "Monday"
    case tuesday = "Tuesday"
    case wednesday = "Wednesday"
    case thursday = "Thursday"
    case friday = "Friday"
    case saturday = "Saturday"
    case sunday = "Sunday"

    /// ISO number: 1 = Monday … 7 = Sunday.
    var isoNumber: Int {
        switch self {
        case .monday: 1
        case .tuesday: 2
        case .wednesday: 3
        case .thursday: 4
        case .friday: 5
        case .saturday: 6
        case .sunday: 7
        }
    }
}
