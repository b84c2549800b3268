/// Why a YAML stream could not be read, and where: a syntax error found by libyaml, or a construct
/// this reader refuses because it has no JSON meaning here (aliases, non-scalar keys, `.inf`).
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is (1-based).
    public var position: SourcePosition
    /// What is wrong, in words (libyaml's own for syntax errors).
    public var message: String

    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }

    /// `LINE:COLUMN: message`; callers put the file name in front.
    public var description: String { "\(position): \(message)" }
}
