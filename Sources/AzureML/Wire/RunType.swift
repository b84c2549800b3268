/// How a run was started (`HTTP` 0, `SDK` 1, `Schedule` 2, `Portal` 3).
public enum RunType: WireEnum {
    case http
    case sdk
    case schedule
    case portal
    case unknown(String)

    public static let wireNames = ["HTTP", "SDK", "Schedule", "Portal"]

    public init(knownCode code: Int) {
        self = [.http, .sdk, .schedule, .portal][code]
    }

    public var knownCode: Int? {
        switch self {
        case .http: 0
        case .sdk: 1
        case .schedule: 2
        case .portal: 3
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
