/// One entry of the fault plan: what the next `remaining` calls of an operation do instead of
/// (or before) answering normally.
struct InjectedFault: Sendable, Equatable {
    /// Which calls it applies to: one operation, or every operation (`*`).
    enum Target: Sendable, Equatable {
        case all
        case operation(EmulatedOperation)

        var name: String {
            switch self {
            case .all: "*"
            case .operation(let operation): operation.rawValue
            }
        }

        func matches(_ operation: EmulatedOperation) -> Bool {
            switch self {
            case .all: true
            case .operation(let target): target == operation
            }
        }
    }

    var id: Int
    var target: Target
    /// The status to answer with; nil answers normally (after `delayMilliseconds`).
    var status: Int?
    var remaining: Int
    /// `Retry-After` value, seconds or an HTTP date, sent with `status`.
    var retryAfter: String?
    var delayMilliseconds: Int
    /// Drop the connection without answering (wins over `status`).
    var reset: Bool
    /// On submit: record the run, then answer `status` (the client cannot tell whether it happened).
    var afterAccept: Bool

    var wire: JSONValue {
        .object([
            "id": .int(id),
            "operation": .string(target.name),
            "status": status.map(JSONValue.int) ?? .null,
            "count": .int(remaining),
            "retry_after": .string(retryAfter),
            "delay_ms": .int(delayMilliseconds),
            "reset": .bool(reset),
            "after_accept": .bool(afterAccept),
        ])
    }
}
