import Foundation
import Observability

/// One call the emulator received on an Azure surface, as `GET /emulator/calls` lists it.
struct RecordedCall: Sendable {
    var operation: EmulatedOperation
    var method: String
    var path: String
    var query: String?
    /// The parsed JSON body, the body as text when it is not JSON, or null when empty.
    var body: JSONValue
    var time: Date

    var wire: JSONValue {
        .object([
            "operation": .string(operation.rawValue),
            "method": .string(method),
            "path": .string(path),
            "query": .string(query),
            "body": body,
            "time": .string(rfc3339UTC(time)),
        ])
    }
}
