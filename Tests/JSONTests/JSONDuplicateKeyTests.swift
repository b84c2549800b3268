import Testing
@testable import JSON

/// Duplicate keys survive parsing and are found on demand, so a validator can reject them.
@Suite struct JSONDuplicateKeyTests {
    @Test func firstDuplicateMember_findsTheRepeat() throws {
        let node = try JSONParser().parse(Array(#"{"a":1,"b":2,"a":3,"b":4}"#.utf8))
        let duplicate = try #require(node.firstDuplicateMember)
        #expect(duplicate.key == "a")
        #expect(duplicate.keyOffset == 13)
        #expect(duplicate.value == .number("3"))
    }

    @Test func firstDuplicateMember_nilWithoutRepeats() throws {
        #expect(try JSONParser().parse(Array(#"{"a":1,"A":2,"b":{"a":1}}"#.utf8)).firstDuplicateMember == nil)
        #expect(try JSONParser().parse(Array("[1,1]".utf8)).firstDuplicateMember == nil)
    }

    @Test func firstDuplicateMember_comparesCodePointsNotCanonicalEquivalence() throws {
        let node = try JSONParser().parse(Array("{\"\u{E9}\":1,\"e\u{301}\":2}".utf8))
        #expect(node.firstDuplicateMember == nil)
    }

    @Test func firstDuplicateMember_escapedAndRawSpellingsAreTheSameKey() throws {
        let node = try JSONParser().parse(Array(#"{"a":1,"\u0061":2}"#.utf8))
        #expect(node.firstDuplicateMember?.keyOffset == 7)
    }

    @Test func duplicateKeyPointers_listsEveryRepeatAtAnyDepth() throws {
        let text = #"{"x":{"k":1,"k":2},"arr":[{"a/b":1,"a/b":2}],"x":0}"#
        let pointers = try JSONParser().parse(Array(text.utf8)).duplicateKeyPointers().map(\.description)
        #expect(pointers == ["/x/k", "/arr/0/a~1b", "/x"])
    }

    @Test func repeatedKeyIndices_largeObject_usesSortedPath() throws {
        var members = (0..<1_000).map { JSONMember(key: "k\($0)", value: .null) }
        members.insert(JSONMember(key: "k500", value: .bool(true)), at: 700)
        members.append(JSONMember(key: "k3", value: .null))
        #expect(members.repeatedKeyIndices() == [700, 1_001])
        #expect(JSONNode.object(members).firstDuplicateMember?.value == .bool(true))
    }
}

/// `utf8Equals` is JSON's equality of names: same bytes, not canonical equivalence.
@Suite struct StringUTF8EqualityTests {
    @Test func utf8Equals_comparesBytes() {
        #expect("ExperimentName".utf8Equals("ExperimentName"))
        #expect(!"ExperimentName".utf8Equals("experimentname"))
        #expect(!"\u{E9}".utf8Equals("e\u{301}"))
        #expect("\u{E9}" == "e\u{301}")
        #expect(!"\u{212A}".utf8Equals("K"))
        #expect("".utf8Equals(""))
        let long = String(repeating: "ab", count: 100)
        #expect(long.utf8Equals(String(repeating: "ab", count: 100)))
        #expect(!long.utf8Equals(String(repeating: "ab", count: 99) + "ac"))
    }
}
