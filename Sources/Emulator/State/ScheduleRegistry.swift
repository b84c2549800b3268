import Foundation
import Synchronization

/// The v1 schedules, in memory, in creation order. Schedules have no delete in SDK v1 (the way to
/// stop one is `disable()`), so the registry only grows; each change is applied under the lock whole.
final class ScheduleRegistry: Sendable {
    private struct State {
        var schedules: [String: EmulatedSchedule] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())

    /// Adds `schedule` (ids are fresh GUIDs, so it never replaces one).
    func add(_ schedule: EmulatedSchedule) {
        state.withLock { state in
            if state.schedules[schedule.id] == nil { state.order.append(schedule.id) }
            state.schedules[schedule.id] = schedule
        }
    }

    func schedule(id: String) -> EmulatedSchedule? {
        state.withLock { $0.schedules[id] }
    }

    /// Every schedule, oldest first.
    func schedules() -> [EmulatedSchedule] {
        state.withLock { state in state.order.compactMap { state.schedules[$0] } }
    }

    /// Applies `change` to the schedule (which may refuse it by throwing); the stored result, or nil
    /// when there is no such schedule.
    func update(id: String, _ change: (inout EmulatedSchedule) throws(AzureError) -> Void) throws(AzureError) -> EmulatedSchedule? {
        let result: Result<EmulatedSchedule?, AzureError> = state.withLock { state in
            guard var schedule = state.schedules[id] else { return .success(nil) }
            do throws(AzureError) {
                try change(&schedule)
            } catch {
                return .failure(error)
            }
            state.schedules[id] = schedule
            return .success(schedule)
        }
        return try result.get()
    }
}
