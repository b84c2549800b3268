public import Foundation

/// A blob a change-based schedule has already seen (or took as its baseline): a new ETag on the
/// same name is a change that starts a run (Last-Modified only when there is no ETag).
public struct SeenBlob: Sendable, Hashable {
    public var name: String
    public var etag: String
    public var lastModified: Date

    public init(name: String, etag: String, lastModified: Date) {
        self.name = name
        self.etag = etag
        self.lastModified = lastModified
    }

    /// Whether `other` is the same version of the blob: the same ETag (Storage gives every write a new
    /// one), or, without ETags, the same Last-Modified. Polls and pushes compare this way.
    public func isSameVersion(as other: SeenBlob) -> Bool {
        name == other.name && etag == other.etag && (!etag.isEmpty || lastModified == other.lastModified)
    }
}
