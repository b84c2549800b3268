/// The keys of a `LegacyDataPath` (`{"DataStoreName","RelativePath"}`), matched ignoring ASCII case
/// like the top-level keys and forwarded in this casing.
enum DataPathKey: CaseIterable, Sendable {
    case dataStoreName
    case relativePath

    var wireName: String {
        switch self {
        case .dataStoreName: "DataStoreName"
        case .relativePath: "RelativePath"
        }
    }

    init?(matching key: String) {
        guard let match = Self.lowercasedNames.first(where: { ASCIICase.equalIgnoringCase(key, $0.1) }) else { return nil }
        self = match.0
    }

    private static let lowercasedNames: [(DataPathKey, [UInt8])] = allCases.map { ($0, ASCIICase.lowercased($0.wireName)) }

    static let acceptedList = "DataStoreName, RelativePath"
}
