/// Upload state of a run's snapshot (`Uploading` 0, `Completed` 1, `Canceled` 2, `Failed` 3).
/// The SDK ignores it; it is decoded only so that no value can fail an entity.
public enum UploadState: WireEnum {
    case uploading
    case completed
    case canceled
    case failed
    case unknown(String)

    public static let wireNames = ["Uploading", "Completed", "Canceled", "Failed"]

    public init(knownCode code: Int) {
        self = [.uploading, .completed, .canceled, .failed][code]
    }

    public var knownCode: Int? {
        switch self {
        case .uploading: 0
        case .completed: 1
        case .canceled: 2
        case .failed: 3
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}
