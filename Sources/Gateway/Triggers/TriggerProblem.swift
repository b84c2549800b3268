import JSON

/// One field-level problem in a trigger body: an RFC 6901 pointer into the body, using the keys as
/// the client wrote them, and a sentence saying what is wrong and what would be right.
///
/// The routes render these as problem+json `errors` on `/v1` and as Azure's `Details` (`Target` =
/// the pointer) on Azure's paths, so the same wording reaches both kinds of caller.
struct TriggerProblem: Equatable, Sendable, CustomStringConvertible {
    /// RFC 6901 pointer; `""` for the body as a whole.
    var pointer: String
    var detail: String

    init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }

    init(at pointer: JSONPointer, _ detail: String) {
        self.init(pointer: pointer.description, detail: detail)
    }

    var description: String {
        "\(pointer.isEmpty ? "(body)" : pointer): \(detail)"
    }

    /// A client value in quotes for a message, cut to a readable length: problems echo what was
    /// sent, but a 1 MiB string must not come back whole.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > 80 else { return "'\(text)'" }
        return "'\(text.prefix(77))…'"
    }

    /// "a string", "an object": the JSON type of a value with its article.
    static func kind(of node: JSONNode) -> String {
        switch node {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
