/// A file or folder on a workspace datastore: the value of a DataPath pipeline parameter
/// (`{"DataStoreName": "workspaceblobstore", "RelativePath": "incoming/a.csv"}`).
///
/// Used both on the wire (`DataPathAssignments`, an interface parameter's default) and by the gateway,
/// since the shape is the same everywhere and callers post it verbatim.
public struct LegacyDataPath: Sendable, Hashable, Codable {
    public var dataStoreName: String?
    public var relativePath: String?

    public init(dataStoreName: String?, relativePath: String?) {
        self.dataStoreName = dataStoreName
        self.relativePath = relativePath
    }

    enum CodingKeys: String, CodingKey {
        case dataStoreName = "DataStoreName"
        case relativePath = "RelativePath"
    }
}
