extension JSONNode {
    /// The value `pointer` refers to (RFC 6901 §4), or nil when there is none.
    ///
    /// Webhook templates and filters read fields of a sender's payload through this. In objects the
    /// first member with the key wins (objects keep duplicates in document order, and the first one is
    /// what `subscript(key:)` answers too); in arrays a token is an index only when it is decimal digits
    /// without a leading zero and within bounds, and `-` (one past the end) refers to nothing.
    public func value(at pointer: JSONPointer) -> JSONNode? {
        var node = self
        for token in pointer.tokens {
            switch node {
            case .object:
                guard let member = node[token] else { return nil }
                node = member
            case .array(let elements):
                guard let index = Self.arrayIndex(token), index < elements.count else { return nil }
                node = elements[index]
            case .string, .number, .bool, .null:
                return nil
            }
        }
        return node
    }

    /// `token` as an RFC 6901 array index: `0`, or digits not starting with `0`; nil otherwise and on overflow.
    private static func arrayIndex(_ token: String) -> Int? {
        let digits = token.utf8
        guard let first = digits.first, first != UInt8(ascii: "0") || digits.count == 1 else { return nil }
        var index = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = index.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            index = sum
        }
        return index
    }
}
