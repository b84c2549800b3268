/// `Recurrence.Frequency` of a v1 schedule, with the SDK's codes (`Month`=0 … `Minute`=4; reference §4).
enum RecurrenceFrequency: WireEnum {
    case month, week, day, hour, minute

    var wireCode: Int {
        switch self {
        case .month: 0
        case .week: 1
        case .day: 2
        case .hour: 3
        case .minute: 4
        }
    }

    var wireName: String {
        switch self {
        case .month: "Month"
        case .week: "Week"
        case .day: "Day"
        case .hour: "Hour"
        case .minute: "Minute"
        }
    }
}
