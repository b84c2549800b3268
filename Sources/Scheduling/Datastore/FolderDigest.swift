/// A fingerprint of a folder's contents — which blob names at which versions — that does not depend
/// on their order, so a listing and a seen-state can be compared in one step.
///
/// Most polls of a watched folder find nothing new; comparing the listing blob by blob with the
/// schedule's stored seen-state (thousands of rows read per poll) is then wasted work. When the last
/// full comparison left the seen-state equal to a listing, that listing's digest is remembered, and a
/// later listing with the same digest is known to hold nothing unseen.
///
/// Each (name, version) is hashed with Swift's `Hasher` (SipHash, seeded at random per process) in
/// two lanes, and the hashes are summed: 128 bits plus the count. The seed makes a digest meaningless
/// outside this process, which is why digests are never stored, and makes collisions impossible to
/// aim for from outside.
public struct FolderDigest: Sendable, Hashable {
    private var first: UInt64 = 0
    private var second: UInt64 = 0
    public private(set) var count = 0

    public init() {}

    /// The digest of these blobs (name → version; versions compare as `BlobVersion` does).
    public init(_ blobs: some Sequence<(name: String, version: BlobVersion)>) {
        for blob in blobs { add(name: blob.name, version: blob.version) }
    }

    public mutating func add(name: String, version: BlobVersion) {
        var lane = Hasher()
        lane.combine(name)
        lane.combine(version)
        var other = Hasher()
        other.combine(0x5EED as UInt16)
        other.combine(name)
        other.combine(version)
        first &+= UInt64(bitPattern: Int64(lane.finalize()))
        second &+= UInt64(bitPattern: Int64(other.finalize()))
        count += 1
    }
}
