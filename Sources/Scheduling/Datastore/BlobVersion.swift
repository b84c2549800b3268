public import Foundation

/// What identifies one version of a blob. Storage gives every write (even of the same bytes) a new
/// ETag, so the ETag alone says whether a file changed — and it is what both a folder listing and an
/// Event Grid `BlobCreated` event carry, so a poll and a push agree on "the same version" and never
/// start two runs for it (DESIGN: one run per schedule, blob and ETag). Last-Modified decides only
/// when a source gives no ETag.
public struct BlobVersion: Sendable, Hashable {
    public var etag: String
    public var lastModified: Date

    public init(etag: String, lastModified: Date) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public static func == (lhs: BlobVersion, rhs: BlobVersion) -> Bool {
        lhs.etag == rhs.etag && (!lhs.etag.isEmpty || lhs.lastModified == rhs.lastModified)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(etag)
        if etag.isEmpty { hasher.combine(lastModified) }
    }
}
