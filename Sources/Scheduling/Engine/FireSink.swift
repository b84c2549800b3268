public import Foundation

/// One occurrence of a schedule, identified by the schedule and the time it was due: the pair the store
/// records once only.
public struct ScheduledFire: Sendable, Hashable {
    public var scheduleID: String
    public var scheduledTime: Date

    public init(scheduleID: String, scheduledTime: Date) {
        self.scheduleID = scheduleID
        self.scheduledTime = scheduledTime
    }
}

/// Where the engine sends what it decided: the gateway records each occurrence durably and submits it
/// (or records it skipped or missed). The engine itself never touches storage or HTTP.
public protocol FireSink: Sendable {
    /// The occurrence is due: record it, then submit it. Called once per occurrence by this engine; the
    /// sink's durable record makes it once across restarts too.
    func fire(_ fire: ScheduledFire) async
    /// Occurrences passed over by the catchup policy while the gateway was down.
    func passedOver(_ fires: [ScheduledFire], policy: CatchupPolicy) async
}
