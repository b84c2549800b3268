public import JSON

/// Writes a JSON value as block-style YAML that `YAMLReader` reads back to the same value: strings
/// always double-quoted (JSON's escapes are YAML's too, and no string can turn into a number or a
/// boolean), numbers as written, lists of plain values on one line.
public enum YAMLWriter {
    public static func text(_ node: JSONNode) -> String {
        var lines: [String] = []
        switch node {
        case .object(let members) where !members.isEmpty: block(members, indent: "", into: &lines)
        case .array(let elements) where !elements.isEmpty: block(elements, indent: "", into: &lines)
        default: lines.append(inline(node))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(_ members: [JSONMember], indent: String, into lines: inout [String]) {
        for member in members {
            let key = indent + self.key(member.key) + ":"
            switch member.value {
            case .object(let nested) where !nested.isEmpty:
                lines.append(key)
                block(nested, indent: indent + "  ", into: &lines)
            case .array(let elements) where elements.contains(where: isCollection):
                lines.append(key)
                block(elements, indent: indent + "  ", into: &lines)
            default:
                lines.append(key + " " + inline(member.value))
            }
        }
    }

    private static func block(_ elements: [JSONNode], indent: String, into lines: inout [String]) {
        for element in elements {
            switch element {
            case .object(let members) where !members.isEmpty:
                // The first member goes on the dash's line, the rest line up under it.
                var nested: [String] = []
                block(members, indent: indent + "  ", into: &nested)
                if let first = nested.first { lines.append(indent + "- " + first.dropFirst(indent.count + 2)) }
                lines += nested.dropFirst()
            case .array(let inner) where inner.contains(where: isCollection):
                lines.append(indent + "-")
                block(inner, indent: indent + "  ", into: &lines)
            default:
                lines.append(indent + "- " + inline(element))
            }
        }
    }

    private static func isCollection(_ node: JSONNode) -> Bool {
        switch node {
        case .object(let members): !members.isEmpty
        case .array(let elements): !elements.isEmpty
        default: false
        }
    }

    /// Flow style: `"text"`, `12`, `true`, `null`, `[1, 2]`, `{}`.
    private static func inline(_ node: JSONNode) -> String {
        switch node {
        case .string(let text): quoted(text)
        case .number(let literal): literal
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let elements): "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.map { key($0.key) + ": " + inline($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A key as written plainly when it is an identifier-like word, else quoted.
    private static func key(_ text: String) -> String {
        let plain = !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        } && !text.hasPrefix("-") && !text.hasPrefix(".")
        return plain ? text : quoted(text)
    }

    private static func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.writeString(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
