extension String {
    /// Whether both strings have the same UTF-8 bytes: JSON's notion of equal names and values.
    ///
    /// Unlike `==`, which compares by canonical equivalence (so `"é"` precomposed equals `"e\u{301}"`,
    /// and the Kelvin sign equals `"K"`), this tells apart strings that are different JSON. It reads
    /// both strings' contiguous storage, so it costs about as little as `==`.
    public func utf8Equals(_ other: String) -> Bool {
        let mine = utf8
        let theirs = other.utf8
        guard mine.count == theirs.count else { return false }
        let compared = mine.withContiguousStorageIfAvailable { left in
            theirs.withContiguousStorageIfAvailable { right in left.elementsEqual(right) }
        }
        return (compared ?? nil) ?? mine.elementsEqual(theirs)
    }
}
