/// Why a template is refused when a webhook is created or patched, and where, so the 422 can point at
/// the character to fix ("template error at character 9: \"{{\" is never closed by \"}}\"").
public struct TemplateSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based index, in characters, into the template's text.
    public var offset: Int
    /// The rule broken, in a sentence.
    public var message: String

    /// An error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// "template error at character N: message".
    public var description: String { "template error at character \(offset): \(message)" }
}
