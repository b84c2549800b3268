import Observability

/// A JSON object whose members keep the order they were added in.
struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private(set) var members: [(key: String, value: JSONValue)]

    init(_ members: [(String, JSONValue)] = []) {
        self.members = members.map { (key: $0.0, value: $0.1) }
    }

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    var isEmpty: Bool { members.isEmpty }

    /// The member named exactly `key`.
    subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// The member whose name equals `key` ignoring ASCII case: the pipelines service is ASP.NET and
    /// binds request properties case-insensitively (the docs write `Tags`, the SDK sends `tags`).
    func value(ignoringCase key: String) -> JSONValue? {
        let wanted = key.lowercased()
        return members.first { $0.key.lowercased() == wanted }?.value
    }

    /// Appends, or replaces the value of an existing member in place.
    mutating func set(_ key: String, _ value: JSONValue) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key: key, value: value))
        }
    }

    func write(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: JSONText.quote(member.key).utf8)
            out.append(UInt8(ascii: ":"))
            member.value.write(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A string → string map as an object with sorted keys (stable answers for tests and diffs).
    static func strings(_ map: [String: String]) -> JSONObject {
        JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
