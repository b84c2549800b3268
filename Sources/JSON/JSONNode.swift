/// A parsed JSON value that keeps what the document said, not what a language type would make of it.
///
/// The gateway forwards client bodies to Azure, so it must not reinterpret them: objects keep their
/// members in document order (duplicates included, so a validator can reject them), and numbers keep
/// their literal text (`1.50` stays `1.50`, `10` never becomes `10.0`, a 30-digit integer is not
/// rounded through `Double`).
public enum JSONNode: Sendable, Hashable {
    /// An object's members in document order, duplicates included.
    case object([JSONMember])
    /// An array's elements in order.
    case array([JSONNode])
    /// A string, unescaped.
    case string(String)
    /// A number as written in the document (RFC 8259 grammar, already checked by the parser).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The members, if this is an object.
    public var objectMembers: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayElements: [JSONNode]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The literal as written, if this is a number.
    public var numberLiteral: String? {
        if case .number(let literal) = self { return literal }
        return nil
    }

    /// The value, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of the first member named exactly `key` (compared by code points), if this is an object.
    ///
    /// Linear in the number of members: request bodies have few, and order must be kept anyway.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key.utf8Equals(key) }?.value
    }

    /// The JSON type name, for messages that say what was found instead of what was expected
    /// ("must be a string; got an array").
    public var kindName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}
