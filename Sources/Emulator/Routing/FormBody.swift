import HTTPServer

/// An `application/x-www-form-urlencoded` body, as the token endpoints take it.
struct FormBody: Sendable {
    private var fields: [(name: String, value: String)]

    init(_ body: [UInt8]) {
        let text = String(decoding: body, as: UTF8.self)
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentDecoding.decode(parts[0], plusAsSpace: true) ?? String(parts[0])
            let raw = parts.count > 1 ? parts[1] : ""
            return (name, PercentDecoding.decode(raw, plusAsSpace: true) ?? String(raw))
        }
    }

    /// The first non-empty value of `name` (AAD treats an empty field as missing).
    subscript(name: String) -> String? {
        fields.first { $0.name == name && !$0.value.isEmpty }?.value
    }
}
