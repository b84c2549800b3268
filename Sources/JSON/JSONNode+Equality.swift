extension JSONNode {
    /// Values are equal when they are the same JSON: strings compare by code points (not by Swift's
    /// canonical equivalence, under which `"é"` precomposed equals `"e\u{301}"`, two different JSON
    /// strings), numbers by their literal text, objects member by member in order.
    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a.utf8Equals(b)
        case (.number(let a), .number(let b)): a.utf8Equals(b)
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// Hashes what `==` compares (string bytes, literals, structure).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .object(let members):
            hasher.combine(0 as UInt8)
            hasher.combine(members)
        case .array(let elements):
            hasher.combine(1 as UInt8)
            hasher.combine(elements)
        case .string(let text):
            hasher.combine(2 as UInt8)
            hasher.combine(text.utf8.count)
            for byte in text.utf8 { hasher.combine(byte) }
        case .number(let literal):
            hasher.combine(3 as UInt8)
            hasher.combine(literal.utf8.count)
            for byte in literal.utf8 { hasher.combine(byte) }
        case .bool(let flag):
            hasher.combine(4 as UInt8)
            hasher.combine(flag)
        case .null:
            hasher.combine(5 as UInt8)
        }
    }
}
