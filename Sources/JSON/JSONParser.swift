/// A strict RFC 8259 parser for request bodies that will be validated and forwarded.
///
/// Strict on purpose: what the gateway accepts it re-serializes and sends to Azure, so anything a
/// lenient parser would "repair" (trailing commas, comments, `01`, lone surrogates, invalid UTF-8)
/// is rejected with the offset of the offending byte instead of being guessed at. The parser is
/// iterative (an explicit container stack), so hostile nesting costs a bounded amount of memory and
/// never the thread's stack, and it works on bytes: strings are built once from validated UTF-8.
///
/// ```swift
/// let node = try JSONParser().parse(Array(#"{"a":[1,2.50]}"#.utf8))
/// ```
public struct JSONParser: Sendable {
    /// Resource limits; exceeding one is a syntax error with its own reason.
    public struct Limits: Sendable, Hashable {
        /// Deepest allowed nesting of arrays and objects (a top-level `[]` is depth 1).
        public var maxDepth: Int
        /// Longest allowed string, in encoded bytes between the quotes; nil for no limit beyond the
        /// document's size.
        public var maxStringLength: Int?
        /// Longest allowed number literal, in characters; nil for no limit.
        public var maxNumberLength: Int?

        /// The defaults suit request bodies: 64 levels (a trigger body nests 6), no length limits
        /// beyond the body size the HTTP server already enforces.
        public init(maxDepth: Int = 64, maxStringLength: Int? = nil, maxNumberLength: Int? = nil) {
            self.maxDepth = maxDepth
            self.maxStringLength = maxStringLength
            self.maxNumberLength = maxNumberLength
        }
    }

    /// The limits every parse applies.
    public var limits: Limits

    /// A parser; it holds no state between documents, so one can be shared (it is `Sendable`).
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses exactly one JSON value, optionally surrounded by whitespace.
    /// - Throws: `JSONSyntaxError` naming the first offending byte.
    public func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        try bytes.withUnsafeBufferPointer { parseResult($0) }.get()
    }

    /// Parses exactly one JSON value from raw memory (for callers that hold the body in a buffer).
    /// - Throws: `JSONSyntaxError` naming the first offending byte.
    public func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONNode {
        try parseResult(buffer.assumingMemoryBound(to: UInt8.self)).get()
    }

    /// Parses exactly one JSON value from any byte collection; contiguous ones are read in place.
    /// - Throws: `JSONSyntaxError` naming the first offending byte.
    public func parse<Bytes: Collection>(_ bytes: Bytes) throws(JSONSyntaxError) -> JSONNode where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ parseResult($0) }) {
            return try result.get()
        }
        return try parse(Array(bytes))
    }

    private func parseResult(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONNode, JSONSyntaxError> {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            return .failure(JSONSyntaxError(byteOffset: 0, reason: .emptyInput))
        }
        var scanner = JSONScanner(base: base, count: buffer.count, limits: limits)
        do {
            return .success(try scanner.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}
