/// An entry of `RecurrenceSchedule.WeekDays`, with the SDK's codes: `Monday`=0 … `Sunday`=6 (not
/// .NET's `DayOfWeek` order, which starts at Sunday; reference §4).
enum WeekDay: WireEnum {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    var wireCode: Int {
        switch self {
        case .monday: 0
        case .tuesday: 1
        case .wednesday: 2
        case .thursday: 3
        case .friday: 4
        case .saturday: 5
        case .sunday: 6
        }
    }

    var wireName: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }
}
