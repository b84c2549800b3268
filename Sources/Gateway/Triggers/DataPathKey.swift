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
        guard let match = Self.allCases.first(where: { ASCIICase.equalIgnoringCase(key.utf8, ASCIICase.lowercased($0.wireName)) }) else {
            return nil
        }
        self = match
    }

    static let acceptedList = "DataStoreName, RelativePath"
}
