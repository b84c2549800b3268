import Foundation
import Observability

/// One call the emulator received on an Azure surface, or one it made itself (an Event Grid
/// delivery attempt), as `GET /emulator/calls` lists it.
struct RecordedCall: Sendable {
    var operation: EmulatedOperation
    var method: String
    var path: String
    var query: String?
    /// The parsed JSON body, the body as text when it is not JSON, or null when empty.
    var body: JSONValue
    var time: Date
    /// For a call the emulator made: the status the other side answered, nil when none came.
    var status: Int? = nil
    /// For a call the emulator made that got no answer: why (without the URL's query).
    var error: String? = nil

    var wire: JSONValue {
        var object: JSONObject = [
            "operation": .string(operation.rawValue),
            "method": .string(method),
            "path": .string(path),
            "query": .string(query),
            "body": body,
            "time": .string(rfc3339UTC(time)),
        ]
        if operation.isOutbound {
            object.set("status", status.map(JSONValue.int) ?? .null)
            if let error { object.set("error", .string(error)) }
        }
        return .object(object)
    }
}
