public import Foundation

/// One blob of a listing, with what a change-based schedule compares between polls.
public struct BlobItem: Sendable, Hashable {
    /// The full blob name within its container (`incoming/2026-11-24.csv`), entities decoded.
    public var name: String
    /// The listing's `Etag`, as Storage wrote it (unquoted, `0x8D4BCC2E4835CD0`); changes with the content.
    public var etag: String
    /// `Last-Modified`, to the second (RFC 1123 in the listing).
    public var lastModified: Date
    /// `Content-Length` in bytes.
    public var contentLength: Int64

    public init(name: String, etag: String, lastModified: Date, contentLength: Int64) {
        self.name = name
        self.etag = etag
        self.lastModified = lastModified
        self.contentLength = contentLength
    }
}
