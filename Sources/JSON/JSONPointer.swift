/// An RFC 6901 JSON pointer (`/ParameterAssignments/lr`), built token by token so every token is
/// escaped (`~` → `~0`, `/` → `~1`): problem reports point at keys exactly as the client wrote them,
/// and a key containing `/` must not turn into two levels.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The pointer's text; empty for the whole document.
    public private(set) var description: String

    /// The whole document (`""`).
    public static let root = JSONPointer(escapedText: "")

    private init(escapedText: String) {
        description = escapedText
    }

    /// A pointer from unescaped reference tokens (`["tags", "a/b"]` → `/tags/a~1b`).
    public init(tokens: [String]) {
        var pointer = JSONPointer.root
        for token in tokens { pointer = pointer.appending(token) }
        self = pointer
    }

    /// This pointer one level down, at the member named `token` (unescaped).
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(escapedText: description + "/" + Self.escape(token))
    }

    /// This pointer one level down, at an array index.
    public func appending(index: Int) -> JSONPointer {
        JSONPointer(escapedText: description + "/" + String(index))
    }

    /// One reference token escaped per RFC 6901 §3 (`~` first, so `~1` in a key stays literal).
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var escaped = ""
        escaped.reserveCapacity(token.utf8.count + 4)
        for character in token.unicodeScalars {
            switch character {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
