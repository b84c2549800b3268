/// `PipelineRunEntity.RunType`: who started a run.
enum RunType: WireEnum {
    case http, sdk, schedule, portal

    var wireCode: Int {
        switch self {
        case .http: 0
        case .sdk: 1
        case .schedule: 2
        case .portal: 3
        }
    }

    var wireName: String {
        switch self {
        case .http: "HTTP"
        case .sdk: "SDK"
        case .schedule: "Schedule"
        case .portal: "Portal"
        }
    }
}
