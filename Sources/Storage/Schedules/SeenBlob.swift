public import Foundation

/// A blob a change-based schedule has already seen (or took as its baseline): a new ETag or
/// Last-Modified on the same name is a change that starts a run.
public struct SeenBlob: Sendable, Hashable {
    public var name: String
    public var etag: String
    public var lastModified: Date

    public init(name: String, etag: String, lastModified: Date) {
        self.name = name
        self.etag = etag
        self.lastModified = lastModified
    }
}
