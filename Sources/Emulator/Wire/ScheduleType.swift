/// `PipelineScheduleEntity.ScheduleType`: what triggers a v1 schedule. The SDK parses a schedule by
/// it (observed §5: only `0`, `"0"` and `"Recurrence"` mean a recurrence), so it is always written.
enum ScheduleType: WireEnum {
    case recurrence, dataStore

    var wireCode: Int {
        switch self {
        case .recurrence: 0
        case .dataStore: 1
        }
    }

    var wireName: String {
        switch self {
        case .recurrence: "Recurrence"
        case .dataStore: "DataStore"
        }
    }
}
