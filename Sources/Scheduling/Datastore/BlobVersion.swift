public import Foundation

/// What a poll compares for one blob: Storage changes both on every write, so a file rewritten with
/// the same bytes still counts as changed (as the SDK's watcher did).
public struct BlobVersion: Sendable, Hashable {
    public var etag: String
    public var lastModified: Date

    public init(etag: String, lastModified: Date) {
        self.etag = etag
        self.lastModified = lastModified
    }
}
