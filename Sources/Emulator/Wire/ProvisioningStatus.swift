/// `PipelineScheduleEntity.ProvisioningStatus`. The emulator provisions a schedule at once, so it
/// only ever writes `Completed`; the SDK raises on `Failed` and polls while `Provisioning`.
enum ProvisioningStatus: WireEnum {
    case completed, provisioning, failed

    var wireCode: Int {
        switch self {
        case .completed: 0
        case .provisioning: 1
        case .failed: 2
        }
    }

    var wireName: String {
        switch self {
        case .completed: "Completed"
        case .provisioning: "Provisioning"
        case .failed: "Failed"
        }
    }
}
