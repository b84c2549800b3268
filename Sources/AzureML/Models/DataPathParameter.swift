/// One declared DataPath parameter of a published pipeline: a datastore file or folder chosen per run.
public struct DataPathParameter: Sendable, Hashable {
    public var name: String
    public var `default`: LegacyDataPath?
    public var isOptional: Bool

    public init(name: String, default: LegacyDataPath? = nil, isOptional: Bool = false) {
        self.name = name
        self.default = `default`
        self.isOptional = isOptional
    }

    /// Whether a submit must assign it: not optional and without a default.
    public var isRequired: Bool {
        !isOptional && self.default == nil
    }
}
