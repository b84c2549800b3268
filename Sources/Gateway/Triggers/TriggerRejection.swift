/// Why a trigger body was refused before anything was sent to Azure (a 400 answer either way).
enum TriggerRejection: Error, Equatable, Sendable {
    /// Not JSON at all (or empty): one problem whose detail names the offending byte offset.
    case malformed(TriggerProblem)
    /// JSON, but not a valid submit body: every shape problem found, each with its pointer.
    case invalid([TriggerProblem])

    /// The problems to report, whichever the case.
    var problems: [TriggerProblem] {
        switch self {
        case .malformed(let problem): [problem]
        case .invalid(let problems): problems
        }
    }
}
