/// A blob as its file shows it: the properties List Blobs and Put Blob report.
struct StoredBlob: Sendable, Equatable {
    /// The full name within the container, `/`-separated.
    var name: String
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var inode: UInt64

    /// Storage's ETag form, `0x8D…` (15 hex digits after `0x`), derived from size, modification time
    /// and inode, so a file that is rewritten, touched or replaced (even by a same-sized copy)
    /// gets a new one, and an untouched file keeps it across restarts.
    var etag: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(size):\(modifiedSeconds).\(modifiedNanoseconds):\(inode)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash & 0x000F_FFFF_FFFF_FFFF, radix: 16, uppercase: true)
        return "0x8D" + String(repeating: "0", count: max(0, 13 - digits.count)) + digits
    }

    /// `Last-Modified`, RFC 1123, to the second.
    var lastModified: String {
        RFC1123Date.format(secondsSince1970: modifiedSeconds)
    }
}
