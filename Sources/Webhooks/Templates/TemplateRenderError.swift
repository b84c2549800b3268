public import JSON

/// Why a delivery's payload cannot fill a template; the gateway answers 422 naming the template and
/// this pointer, so the sender's operator sees which field their payload lacks.
public enum TemplateRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The payload has no value at `pointer`.
    case missing(pointer: JSONPointer)
    /// The value at `pointer` is an object, an array or null (`kind`: its JSON type name), which has no
    /// text a pipeline parameter could take.
    case notScalar(pointer: JSONPointer, kind: String)

    /// The pointer the error is about.
    public var pointer: JSONPointer {
        switch self {
        case .missing(let pointer), .notScalar(let pointer, _): pointer
        }
    }

    /// A sentence naming the pointer and what was found.
    public var description: String {
        switch self {
        case .missing(let pointer):
            "the payload has no value at \"\(pointer)\""
        case .notScalar(let pointer, let kind):
            "the payload's value at \"\(pointer)\" is \(kind == "object" || kind == "array" ? "an" : "a") \(kind); only strings, numbers and booleans fill a placeholder"
        }
    }
}
