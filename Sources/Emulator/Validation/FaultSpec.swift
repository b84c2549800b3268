/// The body of `POST /emulator/faults`, checked so that a typo in a test's fault plan is a 400
/// rather than a fault that silently never fires.
enum FaultSpec {
    static let maximumDelayMilliseconds = 120_000

    static func fault(from body: [UInt8]) throws(AzureError) -> InjectedFault {
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw invalid("The body must be a JSON object {\"operation\",\"status\",\"count\",\"retry_after\",\"delay_ms\",\"reset\",\"after_accept\"}.")
        }
        let known = (["*"] + EmulatedOperation.allCases.filter { !$0.isOutbound }.map(\.rawValue)).joined(separator: ", ")
        guard let name = object["operation"]?.stringValue else { throw invalid("'operation' is required: one of \(known).") }
        let target: InjectedFault.Target
        if name == "*" {
            target = .all
        } else if let operation = EmulatedOperation(rawValue: name), !operation.isOutbound {
            target = .operation(operation)
        } else {
            throw invalid("Unknown operation '\(name)'; expected one of \(known).")
        }
        let status = try integer(object, "status", in: 200...599)
        let count = try integer(object, "count", in: 1...1_000_000) ?? 1
        let delay = try integer(object, "delay_ms", in: 0...maximumDelayMilliseconds) ?? 0
        let reset = try flag(object, "reset")
        let afterAccept = try flag(object, "after_accept")
        var retryAfter: String?
        switch object["retry_after"] {
        case nil, .null?: retryAfter = nil
        case .int(let seconds)? where seconds >= 0: retryAfter = String(seconds)
        case .string(let text)? where !text.isEmpty: retryAfter = text
        default: throw invalid("'retry_after' must be a number of seconds (≥ 0) or an HTTP date string.")
        }
        if afterAccept {
            guard case .operation(let operation) = target, operation.supportsAfterAccept else {
                throw invalid("'after_accept' applies only to operations 'submit' and 'submit_endpoint'.")
            }
            guard status != nil || reset else { throw invalid("'after_accept' needs a 'status' (or 'reset') to fail the answer with.") }
        }
        guard status != nil || reset || delay > 0 else {
            throw invalid("The fault does nothing: give 'status', 'delay_ms' or 'reset'.")
        }
        return InjectedFault(
            id: 0, target: target, status: status, remaining: count, retryAfter: retryAfter, delayMilliseconds: delay,
            reset: reset, afterAccept: afterAccept)
    }

    private static func integer(_ object: JSONObject, _ key: String, in range: ClosedRange<Int>) throws(AzureError) -> Int? {
        guard let raw = object[key], !raw.isNull else { return nil }
        guard case .int(let value) = raw, range.contains(value) else {
            throw invalid("'\(key)' must be an integer in \(range.lowerBound)…\(range.upperBound).")
        }
        return value
    }

    private static func flag(_ object: JSONObject, _ key: String) throws(AzureError) -> Bool {
        guard let raw = object[key], !raw.isNull else { return false }
        guard case .bool(let value) = raw else { throw invalid("'\(key)' must be a boolean.") }
        return value
    }

    private static func invalid(_ message: String) -> AzureError {
        .badRequest("InvalidFault", message)
    }
}
