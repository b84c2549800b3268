import Testing
@testable import JSON

/// Limits turn hostile documents into syntax errors with their own reasons, at the offending byte.
@Suite struct JSONParserLimitsTests {
    static func nested(_ depth: Int, open: String = "[", close: String = "]") -> [UInt8] {
        Array((String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8)
    }

    @Test func parse_defaultLimit_accepts64Levels() throws {
        #expect(JSONParser.Limits().maxDepth == 64)
        _ = try JSONParser().parse(Self.nested(64))
    }

    @Test func parse_65Levels_rejectedAtThe65thBracket() {
        #expect(throws: JSONSyntaxError(byteOffset: 64, reason: .tooDeep(limit: 64))) {
            try JSONParser().parse(Self.nested(65))
        }
    }

    @Test func parse_deepObjects_countLikeArrays() {
        let text = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(throws: JSONSyntaxError(byteOffset: 64 * 5, reason: .tooDeep(limit: 64))) {
            try JSONParser().parse(Array(text.utf8))
        }
    }

    @Test func parse_emptyContainersCountAsALevel() {
        let limits = JSONParser.Limits(maxDepth: 2)
        #expect(throws: JSONSyntaxError(byteOffset: 2, reason: .tooDeep(limit: 2))) {
            try JSONParser(limits: limits).parse(Array("[[{}]]".utf8))
        }
    }

    @Test func parse_hugeNesting_failsWithoutExhaustingTheStack() {
        #expect(throws: JSONSyntaxError(byteOffset: 64, reason: .tooDeep(limit: 64))) {
            try JSONParser().parse(Self.nested(1_000_000))
        }
    }

    /// A raised limit is honoured; the tree (not the parser) is what recursion later walks, so
    /// callers keep limits modest.
    @Test func parse_deepNestingUnderARaisedLimit_isAccepted() throws {
        let parser = JSONParser(limits: JSONParser.Limits(maxDepth: 5_000))
        let node = try parser.parse(Self.nested(5_000))
        #expect(node.arrayElements?.count == 1)
    }

    @Test func parse_scalarsNeedNoDepth() throws {
        #expect(try JSONParser(limits: JSONParser.Limits(maxDepth: 0)).parse(Array("1".utf8)) == .number("1"))
    }

    @Test func parse_longString_rejectedAtItsQuote() {
        let parser = JSONParser(limits: JSONParser.Limits(maxStringLength: 3))
        #expect((try? parser.parse(Array(#"["abc"]"#.utf8))) != nil)
        #expect(throws: JSONSyntaxError(byteOffset: 1, reason: .stringTooLong(limit: 3))) {
            try parser.parse(Array(#"["abcd"]"#.utf8))
        }
        #expect(throws: JSONSyntaxError(byteOffset: 1, reason: .stringTooLong(limit: 3))) {
            try parser.parse(Array(#"{"a\nbc":1}"#.utf8))
        }
    }

    @Test func parse_longNumber_rejectedAtItsFirstByte() {
        let parser = JSONParser(limits: JSONParser.Limits(maxNumberLength: 4))
        #expect((try? parser.parse(Array("[-1.5]".utf8))) != nil)
        #expect(throws: JSONSyntaxError(byteOffset: 1, reason: .numberTooLong(limit: 4))) {
            try parser.parse(Array("[-1.55]".utf8))
        }
    }
}
