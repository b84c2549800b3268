/// A day of a weekly v1 recurrence, in the SDK's order (`Monday` 0 … `Sunday` 6), which is not .NET's
/// `DayOfWeek` order: a server that sent .NET codes would shift every day, so the SDK's mapping is the one kept.
public enum ScheduleWeekDay: WireEnum {
    case monday
    case tuesday
    case wednesday
    case thursday
    case friday
    case saturday
    case sunday
    case unknown(String)

    public static let wireNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    public init(knownCode code: Int) {
        self = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday][code]
    }

    public var knownCode: Int? {
        switch self {
        case .monday: 0
        case .tuesday: 1
        case .wednesday: 2
        case .thursday: 3
        case .friday: 4
        case .saturday: 5
        case .sunday: 6
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
