/// `PipelineRunStatus.StatusCode`: the five states the pipelines service reports for a run.
enum RunStatusCode: WireEnum {
    case notStarted, running, failed, finished, canceled

    var wireCode: Int {
        switch self {
        case .notStarted: 0
        case .running: 1
        case .failed: 2
        case .finished: 3
        case .canceled: 4
        }
    }

    var wireName: String {
        switch self {
        case .notStarted: "NotStarted"
        case .running: "Running"
        case .failed: "Failed"
        case .finished: "Finished"
        case .canceled: "Canceled"
        }
    }

    /// Finished, Failed and Canceled never change again (unless an admin call says so).
    var isTerminal: Bool {
        switch self {
        case .notStarted, .running: false
        case .failed, .finished, .canceled: true
        }
    }
}
