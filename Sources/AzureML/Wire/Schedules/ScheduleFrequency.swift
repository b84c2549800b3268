/// A v1 recurrence's unit (`Month` 0 … `Minute` 4): the SDK's `ScheduleRecurrence.frequency`.
public enum ScheduleFrequency: WireEnum {
    case month
    case week
    case day
    case hour
    case minute
    case unknown(String)

    public static let wireNames = ["Month", "Week", "Day", "Hour", "Minute"]

    public init(knownCode code: Int) {
        self = [.month, .week, .day, .hour, .minute][code]
    }

    public var knownCode: Int? {
        switch self {
        case .month: 0
        case .week: 1
        case .day: 2
        case .hour: 3
        case .minute: 4
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
