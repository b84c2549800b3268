import Synchronization

/// The fault plan: faults in the order they were added; each call takes the first one that
/// matches its operation and uses up one of its `count`.
final class FaultInjector: Sendable {
    private struct State {
        var faults: [InjectedFault] = []
        var nextID = 1
    }

    private let state = Mutex(State())

    /// Adds a fault (its `id` is assigned here) and returns it as stored.
    func add(_ fault: InjectedFault) -> InjectedFault {
        state.withLock { state in
            var fault = fault
            fault.id = state.nextID
            state.nextID += 1
            state.faults.append(fault)
            return fault
        }
    }

    /// Removes every fault; returns how many were pending.
    @discardableResult
    func clear() -> Int {
        state.withLock { state in
            defer { state.faults.removeAll() }
            return state.faults.count
        }
    }

    /// Consumes one use of the first fault for `operation`, if any.
    func take(_ operation: EmulatedOperation) -> InjectedFault? {
        state.withLock { state in
            guard let index = state.faults.firstIndex(where: { $0.target.matches(operation) }) else { return nil }
            let fault = state.faults[index]
            state.faults[index].remaining -= 1
            if state.faults[index].remaining <= 0 { state.faults.remove(at: index) }
            return fault
        }
    }

    var pending: [InjectedFault] {
        state.withLock { $0.faults }
    }
}
