/// `file_pattern`: a shell-style glob on a blob's name within the watched folder — `*` (any run of
/// characters), `?` (one character), `[abc]`, `[a-z]`, `[!abc]` — so a schedule can watch only `*.csv`.
/// Matching is case-sensitive, like blob names.
public struct GlobPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(Character)
        case any
        case anyRun
        case set([ClosedRange<Character>], negated: Bool)
    }

    public let text: String
    let tokens: [Token]

    /// Why a pattern cannot be read.
    public struct Problem: Error, Sendable, Equatable {
        public var detail: String
    }

    public init(_ text: String) throws(Problem) {
        guard !text.isEmpty else { throw Problem(detail: "the pattern is empty") }
        guard !text.contains("/") else { throw Problem(detail: "the pattern matches a name within the folder; it cannot contain '/'") }
        var tokens: [Token] = []
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?": tokens.append(.any)
            case "[":
                var negated = false
                if characters.first == "!" || characters.first == "^" {
                    negated = true
                    characters.removeFirst()
                }
                var ranges: [ClosedRange<Character>] = []
                var closed = false
                var first = true
                while let member = characters.popFirst() {
                    if member == "]" && !first {
                        closed = true
                        break
                    }
                    first = false
                    if characters.count >= 2, characters.first == "-", let upper = characters.dropFirst().first, upper != "]" {
                        characters.removeFirst(2)
                        guard member <= upper else { throw Problem(detail: "the range '\(member)-\(upper)' is backwards") }
                        ranges.append(member...upper)
                    } else {
                        ranges.append(member...member)
                    }
                }
                guard closed else { throw Problem(detail: "a '[' is never closed by ']'") }
                tokens.append(.set(ranges, negated: negated))
            default: tokens.append(.literal(character))
            }
        }
        self.text = text
        self.tokens = tokens
    }

    /// Whether `name` matches the whole pattern. Iterative with one backtrack point per `*`, so a
    /// hostile pattern cannot make a poll slow.
    public func matches(_ name: String) -> Bool {
        let characters = Array(name)
        var position = 0
        var index = 0
        var starIndex: Int?
        var starPosition = 0
        while position < characters.count {
            if index < tokens.count, tokens[index] == .anyRun {
                starIndex = index
                starPosition = position
                index += 1
            } else if index < tokens.count, Self.matches(tokens[index], characters[position]) {
                index += 1
                position += 1
            } else if let star = starIndex {
                index = star + 1
                starPosition += 1
                position = starPosition
            } else {
                return false
            }
        }
        while index < tokens.count, tokens[index] == .anyRun { index += 1 }
        return index == tokens.count
    }

    private static func matches(_ token: Token, _ character: Character) -> Bool {
        switch token {
        case .literal(let expected): expected == character
        case .any: true
        case .anyRun: true
        case .set(let ranges, let negated): ranges.contains { $0.contains(character) } != negated
        }
    }
}
