public import JSON

/// `{"pointer": "/action", "in": ["published", "released"]}`: a delivery whose value at `pointer` equals none of `in` is ignored.
///
/// Senders such as GitHub send one hook for many actions; the filter lets a webhook run the pipeline
/// for the ones that matter and answer the rest 200 `{"ignored": true}`.
public struct PayloadFilter: Sendable, Hashable {
    /// Where in the payload the value is read.
    public let pointer: JSONPointer
    /// The values that let a delivery through; empty lets nothing through.
    public let anyOf: [JSONNode]

    /// A filter passing deliveries whose value at `pointer` is one of `anyOf`.
    public init(pointer: JSONPointer, anyOf: [JSONNode]) {
        self.pointer = pointer
        self.anyOf = anyOf
    }

    /// Whether the payload passes. A missing pointer does not. Strings compare by code points, numbers by
    /// numeric value when both are finite `Double`s (`1` equals `1.0`; beyond 2^53 that is approximate)
    /// and otherwise by literal, booleans and null as themselves, objects and arrays structurally.
    public func matches(_ payload: JSONNode) -> Bool {
        guard let value = payload.value(at: pointer) else { return false }
        return anyOf.contains { Self.same(value, $0) }
    }

    private static func same(_ lhs: JSONNode, _ rhs: JSONNode) -> Bool {
        guard case .number(let left) = lhs, case .number(let right) = rhs else { return lhs == rhs }
        if let leftValue = Double(left), let rightValue = Double(right), leftValue.isFinite, rightValue.isFinite {
            return leftValue == rightValue
        }
        return left.utf8Equals(right)
    }
}
