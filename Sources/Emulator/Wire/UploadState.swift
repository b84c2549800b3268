/// `PipelineRunEntity.UploadState`; the emulator's runs are always fully uploaded.
enum UploadState: WireEnum {
    case uploading, completed, canceled, failed

    var wireCode: Int {
        switch self {
        case .uploading: 0
        case .completed: 1
        case .canceled: 2
        case .failed: 3
        }
    }

    var wireName: String {
        switch self {
        case .uploading: "Uploading"
        case .completed: "Completed"
        case .canceled: "Canceled"
        case .failed: "Failed"
        }
    }
}
