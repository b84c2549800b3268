/// Status of a pipeline run as the pipelines service reports it
/// (`NotStarted` 0, `Running` 1, `Failed` 2, `Finished` 3, `Canceled` 4).
///
/// Other values (`Queued`, `9`) pass through as `.unknown`, as the SDK passes them through.
public enum RunStatusCode: WireEnum {
    case notStarted
    case running
    case failed
    case finished
    case canceled
    case unknown(String)

    public static let wireNames = ["NotStarted", "Running", "Failed", "Finished", "Canceled"]

    public init(knownCode code: Int) {
        self = [.notStarted, .running, .failed, .finished, .canceled][code]
    }

    public var knownCode: Int? {
        switch self {
        case .notStarted: 0
        case .running: 1
        case .failed: 2
        case .finished: 3
        case .canceled: 4
        case .unknown: nil
        }
    }

    public var unknownRawValue: String? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }

    /// Whether the run can no longer change: `Finished`, `Failed` or `Canceled`. Unknown values are
    /// treated as still running, as the SDK's `wait_for_completion` does for `Queued` and `Unknown`.
    public var isTerminal: Bool {
        switch self {
        case .failed, .finished, .canceled: true
        case .notStarted, .running, .unknown: false
        }
    }
}
