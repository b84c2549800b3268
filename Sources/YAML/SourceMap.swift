public import JSON

/// The position of each value of a parsed document, by its JSON pointer, so a problem the server
/// reports at `/schedules/2/recurrence/interval` can be shown at the line the user wrote it on.
public struct SourceMap: Sendable, Hashable {
    /// Positions by pointer text (`JSONPointer.description`).
    public private(set) var positions: [String: SourcePosition] = [:]

    public init() {}

    /// Records where the value at `pointer` starts; the first record wins.
    public mutating func record(_ pointer: JSONPointer, at position: SourcePosition) {
        if positions[pointer.description] == nil { positions[pointer.description] = position }
    }

    /// The position of the value at `pointer`, or of its nearest recorded ancestor: a problem about a
    /// missing field (`/recurrence/interval`) is shown where its parent object was written.
    public func position(of pointer: JSONPointer) -> SourcePosition? {
        var tokens = pointer.tokens
        while true {
            if let position = positions[JSONPointer(tokens: tokens).description] { return position }
            guard !tokens.isEmpty else { return nil }
            tokens.removeLast()
        }
    }

    /// The same map for a subtree: the pointers under `prefix`, re-rooted at it.
    public func subtree(at prefix: JSONPointer) -> SourceMap {
        var map = SourceMap()
        let text = prefix.description
        for (pointer, position) in positions where pointer == text || pointer.hasPrefix(text + "/") {
            map.positions[String(pointer.dropFirst(text.count))] = position
        }
        if map.positions[""] == nil, let position = self.position(of: prefix) { map.positions[""] = position }
        return map
    }

    /// The same map with the top-level member `key` (and everything under it) placed as `newKey`: a
    /// file's spelling of a field (`datastore_name`) mapped to the body's (`datastore`).
    public func renaming(_ key: String, to newKey: String) -> SourceMap {
        let old = JSONPointer.root.appending(key).description
        let new = JSONPointer.root.appending(newKey).description
        var map = SourceMap()
        for (pointer, position) in positions {
            if pointer == old || pointer.hasPrefix(old + "/") {
                map.positions[new + pointer.dropFirst(old.count)] = position
            } else {
                map.positions[pointer] = position
            }
        }
        return map
    }
}
