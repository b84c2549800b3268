/// How one answer is written: enum encoding and the base URL that self-links (`Url`) start with.
struct WireStyle: Sendable {
    var enumsAsIntegers: Bool
    /// Scheme, host, port and any path prefix the caller reaches the emulator at; no trailing `/`.
    var baseURL: String

    func encode(_ value: some WireEnum) -> JSONValue {
        enumsAsIntegers ? .int(value.wireCode) : .string(value.wireName)
    }
}
