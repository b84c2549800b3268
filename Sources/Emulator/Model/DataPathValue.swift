/// `LegacyDataPath`: a file or folder on a datastore, the value of a DataPath pipeline parameter.
struct DataPathValue: Sendable, Equatable {
    var dataStoreName: String
    var relativePath: String

    var wire: JSONValue {
        .object(["DataStoreName": .string(dataStoreName), "RelativePath": .string(relativePath)])
    }

    /// Reads `{"DataStoreName","RelativePath"}` (keys bound case-insensitively); nil unless both are
    /// non-empty strings, since a path without its datastore (or the reverse) names nothing.
    init?(wire value: JSONValue) {
        guard let object = value.objectValue,
              let store = object.value(ignoringCase: "DataStoreName")?.stringValue, !store.isEmpty,
              let path = object.value(ignoringCase: "RelativePath")?.stringValue, !path.isEmpty
        else { return nil }
        self.init(dataStoreName: store, relativePath: path)
    }

    init(dataStoreName: String, relativePath: String) {
        self.dataStoreName = dataStoreName
        self.relativePath = relativePath
    }
}
