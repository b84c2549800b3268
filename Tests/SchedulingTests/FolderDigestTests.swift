import Foundation
import Scheduling
import Testing

@Suite("FolderDigest: a folder's contents in one comparable value")
struct FolderDigestTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    static func digest(_ blobs: [(String, String, Date)]) -> FolderDigest {
        FolderDigest(blobs.map { (name: $0.0, version: BlobVersion(etag: $0.1, lastModified: $0.2)) })
    }

    @Test("the order of the blobs does not matter")
    func orderIndependent() {
        let a = Self.digest([("in/a.csv", "0x1", Self.t0), ("in/b.csv", "0x2", Self.t0), ("in/c.csv", "0x3", Self.t0)])
        let b = Self.digest([("in/c.csv", "0x3", Self.t0), ("in/a.csv", "0x1", Self.t0), ("in/b.csv", "0x2", Self.t0)])
        #expect(a == b)
        #expect(a.count == 3)
    }

    @Test("a new blob, a new version, a removed blob or a renamed one changes the digest")
    func changesAreSeen() {
        let base = [("in/a.csv", "0x1", Self.t0), ("in/b.csv", "0x2", Self.t0)]
        let digest = Self.digest(base)
        #expect(Self.digest(base + [("in/c.csv", "0x3", Self.t0)]) != digest)
        #expect(Self.digest([("in/a.csv", "0x1", Self.t0), ("in/b.csv", "0x9", Self.t0)]) != digest)
        #expect(Self.digest([("in/a.csv", "0x1", Self.t0)]) != digest)
        #expect(Self.digest([("in/a.csv", "0x1", Self.t0), ("in/B.csv", "0x2", Self.t0)]) != digest)
        // Swapping the versions of two blobs is a change too.
        #expect(Self.digest([("in/a.csv", "0x2", Self.t0), ("in/b.csv", "0x1", Self.t0)]) != digest)
        #expect(FolderDigest() != digest && FolderDigest() == Self.digest([]))
    }

    @Test("versions compare like BlobVersion: by ETag, by Last-Modified only without one")
    func versionsLikeBlobVersion() {
        let later = Self.t0.addingTimeInterval(60)
        #expect(Self.digest([("a", "0x1", Self.t0)]) == Self.digest([("a", "0x1", later)]))
        #expect(Self.digest([("a", "", Self.t0)]) != Self.digest([("a", "", later)]))
        #expect(Self.digest([("a", "", Self.t0)]) == Self.digest([("a", "", Self.t0)]))
    }
}
