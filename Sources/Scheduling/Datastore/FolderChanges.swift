/// The difference between a folder's listing and what a change-based schedule saw before: which
/// blobs trigger a run and which names are forgotten.
public struct FolderChanges: Sendable, Equatable {
    /// New or changed blobs that match the schedule's pattern, in name order: each starts one run.
    public var changed: [String]
    /// Names seen before that are gone from the listing: forgotten quietly (no run), so a file that
    /// comes back later triggers again.
    public var forgotten: [String]

    public init(changed: [String], forgotten: [String]) {
        self.changed = changed
        self.forgotten = forgotten
    }

    /// - Parameters:
    ///   - listing: the folder's direct children now, by blob name.
    ///   - seen: what the schedule recorded at its last poll (or its baseline).
    ///   - pattern: the schedule's `file_pattern`, matched against the name after the folder.
    ///   - folderPrefix: the folder part of each name (`input/`), stripped before matching.
    public static func between(
        listing: [String: BlobVersion], seen: [String: BlobVersion], pattern: GlobPattern?, folderPrefix: String
    ) -> FolderChanges {
        var changed: [String] = []
        for (name, version) in listing where seen[name] != version {
            let baseName = name.hasPrefix(folderPrefix) ? String(name.dropFirst(folderPrefix.count)) : name
            if let pattern, !pattern.matches(baseName) { continue }
            changed.append(name)
        }
        let forgotten = seen.keys.filter { listing[$0] == nil }
        return FolderChanges(changed: changed.sorted(), forgotten: forgotten.sorted())
    }
}
