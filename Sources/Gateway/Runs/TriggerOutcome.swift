import AzureML
import Storage

/// How a trigger ended, for the route to answer in its own shape (problem+json or Azure's).
enum TriggerOutcome: Sendable {
    /// Azure accepted the run.
    case accepted(RunRecord)
    /// Azure refused it, or it certainly did not arrive; the run is `SubmitFailed`.
    case refused(RunRecord, AzureMLError)
    /// Azure may or may not have it; the run stays `Submitting` until reconciled by its tag.
    case unresolved(RunRecord, AzureMLError)
    /// A repeat of an answered idempotent request: the first answer, byte for byte.
    case replay(status: Int, body: [UInt8], runID: String)
    /// A repeat while the first request with the key is still being answered.
    case inFlight(runID: String)
    /// The key was used with another request.
    case keyReused
}
