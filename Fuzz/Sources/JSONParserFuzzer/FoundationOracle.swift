import Foundation
import JSON

/// Differential check against swift-corelibs-foundation's `JSONSerialization`, which on Linux is a
/// strict RFC 8259 parser with a few known, deliberate differences that are filtered out here:
/// - it accepts a trailing comma (`[1,]`, `{"a":1,}`) and a UTF-8 byte order mark; we reject both;
/// - it guesses UTF-16/UTF-32 from NUL bytes at the start; we read UTF-8 only;
/// - it rejects numbers outside `Double`'s range (`1e400`); we keep every literal as written;
/// - its nesting limit is 512; ours (64) is lower, so our `tooDeep` is not compared.
/// - it drops U+FEFF (a BOM character) inside a string when it starts a raw run after an escape or
///   the opening quote (`"\u00e9<U+FEFF>"` decodes as `"é"`); we keep it, so such strings are not compared.
/// Duplicate keys: both accept (Foundation keeps the last), so only accept/reject is compared for
/// objects with repeated or non-ASCII keys; elsewhere strings and structure must match too.
enum FoundationOracle {
    static func check(_ bytes: [UInt8], against outcome: Result<JSONNode, JSONSyntaxError>) {
        if bytes.prefix(4).contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return }
        let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        switch outcome {
        case .failure(let error):
            switch error.reason {
            case .trailingComma, .byteOrderMark, .tooDeep: return
            default: break
            }
            precondition(foundation == nil, "we reject (\(error)) what Foundation accepts")
        case .success(let node):
            if node.hasOutOfRangeNumber { return }
            guard let foundation else { preconditionFailure("we accept what Foundation rejects") }
            precondition(agrees(node, foundation), "Foundation decoded another value")
        }
    }

    /// Whether Foundation's value matches ours where both are unambiguous.
    private static func agrees(_ node: JSONNode, _ value: Any) -> Bool {
        switch node {
        case .null:
            return value is NSNull
        case .bool(let flag):
            return (value as? Bool) == flag
        case .number:
            return value is NSNumber
        case .string(let text):
            guard let other = value as? String else { return false }
            return text.unicodeScalars.contains("\u{FEFF}") || text.utf8.elementsEqual(other.utf8)
        case .array(let elements):
            guard let others = value as? [Any], others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { agrees($0, $1) }
        case .object(let members):
            guard let others = value as? [String: Any] else { return false }
            guard node.firstDuplicateMember == nil, members.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }) else { return true }
            guard others.count == members.count else { return false }
            return members.allSatisfy { member in others[member.key].map { agrees(member.value, $0) } ?? false }
        }
    }
}

extension JSONNode {
    /// Whether a number literal overflows `Double` (Foundation rejects those; we keep them).
    fileprivate var hasOutOfRangeNumber: Bool {
        switch self {
        case .number(let literal): !(Double(literal)?.isFinite ?? false)
        case .array(let elements): elements.contains { $0.hasOutOfRangeNumber }
        case .object(let members): members.contains { $0.value.hasOutOfRangeNumber }
        case .string, .bool, .null: false
        }
    }
}
