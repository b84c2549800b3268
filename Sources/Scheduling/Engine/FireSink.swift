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
    /// Occurrences due at the same wake-up, oldest first. The default hands each to `fire(_:)`
    /// concurrently; a sink that can record many at once (one transaction) does better.
    func fire(_ fires: [ScheduledFire]) async
    /// Occurrences passed over by the catchup policy while the gateway was down.
    func passedOver(_ fires: [ScheduledFire], policy: CatchupPolicy) async
}

extension FireSink {
    public func fire(_ fires: [ScheduledFire]) async {
        await withTaskGroup(of: Void.self) { group in
            for fire in fires { group.addTask { await self.fire(fire) } }
        }
    }
}
