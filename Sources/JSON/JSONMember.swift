/// One `"key": value` pair of a JSON object, with where its key was read.
public struct JSONMember: Sendable, Hashable {
    /// The key, unescaped.
    public var key: String
    /// 0-based byte offset of the key's opening quote in the parsed document; 0 for members built in
    /// code. Not part of equality: the same value written with other whitespace is the same value.
    public var keyOffset: Int
    /// The member's value.
    public var value: JSONNode

    /// A member; `keyOffset` only matters for members read from a document.
    public init(key: String, keyOffset: Int = 0, value: JSONNode) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }

    /// Members are equal when their keys (by code points, as JSON compares names) and values are.
    public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key.utf8Equals(rhs.key) && lhs.value == rhs.value
    }

    /// Hashes what `==` compares: the key's bytes and the value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key.utf8.count)
        for byte in key.utf8 { hasher.combine(byte) }
        hasher.combine(value)
    }
}
