/// Whether Azure has set a schedule up (`Completed` 0, `Provisioning` 1, `Failed` 2); the SDK polls while
/// it is `Provisioning` and raises on `Failed`.
public enum ProvisioningStatus: WireEnum {
    case completed
    case provisioning
    case failed
    case unknown(String)

    public static let wireNames = ["Completed", "Provisioning", "Failed"]

    public init(knownCode code: Int) {
        self = [.completed, .provisioning, .failed][code]
    }

    public var knownCode: Int? {
        switch self {
        case .completed: 0
        case .provisioning: 1
        case .failed: 2
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
