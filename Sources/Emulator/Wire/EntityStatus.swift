/// Status of a published pipeline (and, in later slices, schedules and endpoints).
enum EntityStatus: WireEnum {
    case active, deprecated, disabled

    var wireCode: Int {
        switch self {
        case .active: 0
        case .deprecated: 1
        case .disabled: 2
        }
    }

    var wireName: String {
        switch self {
        case .active: "Active"
        case .deprecated: "Deprecated"
        case .disabled: "Disabled"
        }
    }
}
