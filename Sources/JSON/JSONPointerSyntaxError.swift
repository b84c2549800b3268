/// Why a text is not an RFC 6901 JSON pointer, and where, so a template or filter error can point at
/// the character a user has to fix.
public struct JSONPointerSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based index, in characters, of the offending character within the pointer's text.
    public var offset: Int
    /// Which rule was broken.
    public var reason: Reason

    /// An error at `offset`; `JSONPointer(parsing:)` makes these, tests compare against them.
    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    /// The RFC 6901 rule a pointer broke.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// A non-empty pointer that does not start with `/` (`data/name` instead of `/data/name`).
        case missingLeadingSlash
        /// A `~` not followed by `0` or `1` (offset: the `~`).
        case invalidEscape

        /// The rule in a few words.
        public var description: String {
            switch self {
            case .missingLeadingSlash: #"a JSON pointer must be empty or start with "/""#
            case .invalidEscape: #"in a JSON pointer "~" must be written "~0" and "/" inside a key "~1""#
            }
        }
    }

    /// "invalid JSON pointer at character 5: …": quotes nothing of the pointer, so it is safe anywhere.
    public var description: String {
        "invalid JSON pointer at character \(offset): \(reason)"
    }
}
