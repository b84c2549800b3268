/// An RFC 6901 JSON pointer (`/ParameterAssignments/lr`), built token by token so every token is
/// escaped (`~` → `~0`, `/` → `~1`): problem reports point at keys exactly as the client wrote them,
/// and a key containing `/` must not turn into two levels. Pointers a client writes (webhook templates
/// and filters) come in through `init(parsing:)` and are read with `JSONNode.value(at:)`.
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

    /// A pointer from its text, as a client writes it in a template or a filter (`/data/a~1b`).
    ///
    /// The text is kept as given (already escaped), so `description` round-trips. Checked per RFC 6901 §3:
    /// empty (the whole document) or starting with `/`, and `~` only as `~0` or `~1`, because a stray `~`
    /// would otherwise mean one key to this parser and another to the next.
    /// - Throws: `JSONPointerSyntaxError` at the first offending character.
    public init(parsing text: String) throws(JSONPointerSyntaxError) {
        let scalars = text.unicodeScalars
        if let first = scalars.first, first != "/" {
            throw JSONPointerSyntaxError(offset: 0, reason: .missingLeadingSlash)
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == "~" {
                let next = scalars.index(after: index)
                guard next < scalars.endIndex, scalars[next] == "0" || scalars[next] == "1" else {
                    throw JSONPointerSyntaxError(offset: String(scalars[..<index]).count, reason: .invalidEscape)
                }
            }
            index = scalars.index(after: index)
        }
        self.init(escapedText: text)
    }

    /// The reference tokens, unescaped (`/tags/a~1b` → `["tags", "a/b"]`); empty for the whole document.
    ///
    /// Computed from `description` on each call: pointers are short and read once per lookup.
    public var tokens: [String] {
        guard !description.isEmpty else { return [] }
        return description.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { Self.unescape($0) }
    }

    /// One reference token unescaped per RFC 6901 §4: `~1` → `/` first, then `~0` → `~`, so `~01`
    /// becomes `~1` and not `/`.
    private static func unescape(_ token: Substring) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
        var unescaped = ""
        var scalars = token.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "~" else {
                unescaped.unicodeScalars.append(scalar)
                continue
            }
            switch scalars.next() {
            case "1": unescaped += "/"
            case "0": unescaped += "~"
            // Only pointers built by `init(parsing:)` or `escape` exist, and both rule this out.
            case let other?: unescaped.unicodeScalars.append(contentsOf: ["~", other])
            case nil: unescaped += "~"
            }
        }
        return unescaped
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
