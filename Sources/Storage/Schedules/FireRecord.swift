public import Foundation

/// One occurrence of a schedule the gateway acted on: the (schedule, scheduled time) pair is unique,
/// so an occurrence can be recorded once only — the base of "never fires twice".
public struct FireRecord: Sendable, Equatable {
    public var scheduleID: String
    public var scheduledTime: Date
    /// The ledger run this occurrence produced (submitted, skipped or missed).
    public var runID: String
    /// False from the claim until the run's submission has an outcome; unfinished fires are settled at start.
    public var finished: Bool
    public var claimedAt: Date

    public init(scheduleID: String, scheduledTime: Date, runID: String, finished: Bool = false, claimedAt: Date) {
        self.scheduleID = scheduleID
        self.scheduledTime = scheduledTime
        self.runID = runID
        self.finished = finished
        self.claimedAt = claimedAt
    }
}

/// What claiming an occurrence found.
public enum FireClaimOutcome: Sendable, Equatable {
    /// The occurrence and its run are now stored, in one transaction.
    case claimed
    /// The occurrence was already recorded (by this or an earlier process); nothing was stored.
    case alreadyFired(FireRecord)
}

/// An occurrence to record together with the run it starts.
public struct FireClaim: Sendable {
    public var fire: FireRecord
    public var run: RunRecord

    public init(fire: FireRecord, run: RunRecord) {
        self.fire = fire
        self.run = run
    }
}
