import Foundation
import HTTPServer
import Synchronization

/// Remembers every call on the emulated Azure surfaces, oldest first, so tests can count
/// submissions and see exactly what a client sent, and every Event Grid delivery attempt the
/// emulator made, so they can count deliveries too. Bounded, so an emulator serving a long-running
/// gateway does not grow without end: past `capacity` the oldest calls are forgotten.
final class CallRecorder: Sendable {
    private let calls = Mutex<[RecordedCall]>([])
    private let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    func record(_ operation: EmulatedOperation, _ request: HTTPRequest, at time: Date) {
        let body: JSONValue
        if request.body.isEmpty {
            body = .null
        } else if let json = JSONValue.parse(request.body) {
            body = json
        } else {
            body = .string(String(decoding: request.body, as: UTF8.self))
        }
        record(
            RecordedCall(
                operation: operation, method: request.method.rawValue, path: String(request.path),
                query: request.queryString.map(String.init), body: body, time: time))
    }

    /// Records a call built by the caller: one the emulator made itself (an Event Grid delivery).
    func record(_ call: RecordedCall) {
        calls.withLock { calls in
            calls.append(call)
            if calls.count > capacity { calls.removeFirst(calls.count - capacity) }
        }
    }

    func all(operation: EmulatedOperation? = nil) -> [RecordedCall] {
        calls.withLock { calls in operation.map { op in calls.filter { $0.operation == op } } ?? calls }
    }

    func clear() {
        calls.withLock { $0.removeAll() }
    }
}
