extension JSONNode {
    /// In an object, the first member whose key repeats an earlier key of the same object; nil for
    /// other values and for objects without repeats. Only this level is looked at.
    ///
    /// RFC 8259 leaves duplicate names undefined and parsers disagree on which one wins, so the
    /// parser keeps them all and validators reject them through this. Keys compare by code points.
    public var firstDuplicateMember: JSONMember? {
        guard case .object(let members) = self else { return nil }
        return members.repeatedKeyIndices().first.map { members[$0] }
    }

    /// Pointers to every member, at any depth below `pointer`, whose key repeats an earlier key of
    /// the same object, in document order.
    public func duplicateKeyPointers(under pointer: JSONPointer = .root) -> [JSONPointer] {
        var found: [JSONPointer] = []
        collectDuplicateKeys(under: pointer, into: &found)
        return found
    }

    private func collectDuplicateKeys(under pointer: JSONPointer, into found: inout [JSONPointer]) {
        switch self {
        case .object(let members):
            var repeated = members.repeatedKeyIndices()[...]
            for index in members.indices {
                let member = members[index]
                if repeated.first == index {
                    repeated.removeFirst()
                    found.append(pointer.appending(member.key))
                }
                if member.value.mayContainObjects {
                    member.value.collectDuplicateKeys(under: pointer.appending(member.key), into: &found)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() where element.mayContainObjects {
                element.collectDuplicateKeys(under: pointer.appending(index: index), into: &found)
            }
        case .string, .number, .bool, .null:
            return
        }
    }

    private var mayContainObjects: Bool {
        switch self {
        case .object, .array: true
        case .string, .number, .bool, .null: false
        }
    }
}

extension Array where Element == JSONMember {
    /// Indices, ascending, of the members whose key equals the key of an earlier member.
    ///
    /// Small objects (request bodies have a handful of keys) are compared pairwise; larger ones are
    /// sorted by key bytes first, so a 1 MiB object of distinct keys costs O(n log n), not O(n²).
    public func repeatedKeyIndices() -> [Int] {
        guard count > 1 else { return [] }
        if count <= 16 {
            var repeated: [Int] = []
            for index in 1..<count {
                let key = self[index].key
                if self[..<index].contains(where: { $0.key.utf8Equals(key) }) {
                    repeated.append(index)
                }
            }
            return repeated
        }
        let order = indices.sorted { lhs, rhs in
            if self[lhs].key.utf8Equals(self[rhs].key) { return lhs < rhs }
            return self[lhs].key.utf8.lexicographicallyPrecedes(self[rhs].key.utf8)
        }
        var repeated: [Int] = []
        for position in 1..<order.count where self[order[position]].key.utf8Equals(self[order[position - 1]].key) {
            repeated.append(order[position])
        }
        return repeated.sorted()
    }
}
