public import JSON

/// One document of a YAML stream, as the JSON value it denotes plus where each of its values was written.
public struct YAMLDocument: Sendable, Hashable {
    /// The document's value; an empty document is `null`.
    public var root: JSONNode
    /// Where each value starts, by JSON pointer.
    public var sourceMap: SourceMap

    public init(root: JSONNode, sourceMap: SourceMap) {
        self.root = root
        self.sourceMap = sourceMap
    }
}
