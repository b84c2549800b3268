import Emulator
import Foundation
import Testing

/// List Blobs over `{dataDirectory}/blobs/workspaceblobstore/`: Storage's paging, prefix and
/// delimiter rules, and files dropped into the folder by hand appearing as blobs.
@Suite struct BlobListTests {
    @Test func missingFolder_isAnEmptyContainer() async throws {
        try await withBlobEmulator { h, _ in
            let listing = try await h.listBlobs()
            #expect(listing.blobs.isEmpty)
            #expect(listing.prefixes.isEmpty)
            #expect(listing.nextMarker == "")
            #expect(listing.rootAttributes["ContainerName"] == "workspaceblobstore")
            #expect(listing.rootAttributes["ServiceEndpoint"] == "http://127.0.0.1:\(h.port)/blob/emulatedaccount/")
            #expect(listing.fields["Prefix"] == nil, "unrequested fields are not echoed")
        }
    }

    @Test func paging_withMaxResultsTwo_followsMarkersToTheEnd() async throws {
        try await withBlobEmulator { h, folder in
            for name in ["e.csv", "a.csv", "c.csv", "b.csv", "d.csv"] { try folder.write(name, name) }
            var pages: [[String]] = []
            var query = "maxresults=2"
            while true {
                let page = try await h.listBlobs(query)
                #expect(page.fields["MaxResults"] == "2")
                pages.append(page.names)
                guard !page.nextMarker.isEmpty else { break }
                query = "maxresults=2&marker=" + page.nextMarker
                #expect(pages.count < 10)
            }
            #expect(pages == [["a.csv", "b.csv"], ["c.csv", "d.csv"], ["e.csv"]])
            let second = try await h.listBlobs("maxresults=2&marker=" + (try await h.listBlobs("maxresults=2")).nextMarker)
            #expect(second.fields["Marker"]?.isEmpty == false, "the marker is echoed")
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var query: String
        var blobs: [String]
        var prefixes: [String]
        var testDescription: String { query.isEmpty ? "(no query)" : query }
    }

    static let cases: [Case] = [
        .init(query: "prefix=incoming/&delimiter=/", blobs: ["incoming/x.csv", "incoming/y.csv"], prefixes: ["incoming/sub/"]),
        .init(query: "prefix=incoming/", blobs: ["incoming/sub/z.csv", "incoming/x.csv", "incoming/y.csv"], prefixes: []),
        .init(query: "delimiter=/", blobs: ["incoming.txt"], prefixes: ["incoming/", "other/"]),
        .init(query: "prefix=inc", blobs: ["incoming.txt", "incoming/sub/z.csv", "incoming/x.csv", "incoming/y.csv"], prefixes: []),
        .init(query: "prefix=incoming/sub/&delimiter=/", blobs: ["incoming/sub/z.csv"], prefixes: []),
        .init(query: "prefix=nothing/&delimiter=/", blobs: [], prefixes: []),
        .init(query: "prefix=../&delimiter=/", blobs: [], prefixes: []),
        .init(query: "", blobs: ["incoming.txt", "incoming/sub/z.csv", "incoming/x.csv", "incoming/y.csv", "other/w.csv"], prefixes: []),
    ]

    @Test(arguments: cases)
    func prefixAndDelimiter(_ c: Case) async throws {
        try await withBlobEmulator { h, folder in
            for name in ["incoming/x.csv", "incoming/y.csv", "incoming/sub/z.csv", "incoming.txt", "other/w.csv"] {
                try folder.write(name, "data")
            }
            let listing = try await h.listBlobs(c.query)
            #expect(listing.names == c.blobs)
            #expect(listing.prefixes == c.prefixes)
        }
    }

    @Test func delimiterFolders_countTowardsMaxResults() async throws {
        try await withBlobEmulator { h, folder in
            for name in ["a.csv", "b/1.csv", "b/2.csv", "c.csv"] { try folder.write(name, "x") }
            let first = try await h.listBlobs("delimiter=/&maxresults=2")
            #expect(first.names == ["a.csv"])
            #expect(first.prefixes == ["b/"])
            let second = try await h.listBlobs("delimiter=/&maxresults=2&marker=" + first.nextMarker)
            #expect(second.names == ["c.csv"])
            #expect(second.prefixes.isEmpty)
            #expect(second.nextMarker == "")
        }
    }

    @Test func fileCopiedIntoTheFolder_isABlob_withItsProperties() async throws {
        try await withBlobEmulator { h, folder in
            #expect(try await h.listBlobs().blobs.isEmpty)
            try folder.write("incoming/2026-11-24.csv", "a,b\n1,2\n")
            try folder.setModified("incoming/2026-11-24.csv", Date(timeIntervalSince1970: 1_795_514_400))
            let blob = try #require(try await h.listBlobs("prefix=incoming/&delimiter=/").blobs.first)
            #expect(blob.name == "incoming/2026-11-24.csv")
            #expect(blob.contentLength == "8")
            #expect(blob.lastModified == "Tue, 24 Nov 2026 10:00:00 GMT")
            #expect(blob.etag.hasPrefix("0x8D") && blob.etag.count == 17)
            #expect(!blob.etag.contains("\""), "listing ETags are unquoted")
        }
    }

    @Test func changedFile_getsANewETag_untouchedKeepsIt() async throws {
        try await withBlobEmulator { h, folder in
            try folder.write("data.csv", "version 1")
            try folder.write("stable.csv", "same")
            let before = try await h.listBlobs()
            let again = try await h.listBlobs()
            #expect(before.blobs == again.blobs, "listing twice changes nothing")

            try folder.write("data.csv", "version 2")  // same size, new content and time
            try folder.setModified("data.csv", Date(timeIntervalSince1970: 1_800_000_000))
            let after = try await h.listBlobs()
            #expect(after.blobs[0].etag != before.blobs[0].etag)
            #expect(after.blobs[1].etag == before.blobs[1].etag)

            try folder.setModified("data.csv", Date(timeIntervalSince1970: 1_800_000_060))  // touched only
            #expect(try await h.listBlobs().blobs[0].etag != after.blobs[0].etag)
        }
    }

    @Test func xmlSpecialCharacters_inNames_roundTrip() async throws {
        try await withBlobEmulator { h, folder in
            let name = "a & b <c> \"d\" 'e' é.csv"
            try folder.write(name, "x")
            let listing = try await h.listBlobs()
            #expect(listing.names == [name])
        }
    }

    struct BadQuery: Sendable, CustomTestStringConvertible {
        var query: String
        var code: String
        var testDescription: String { query }
    }

    static let badQueries: [BadQuery] = [
        .init(query: "restype=container&comp=list&maxresults=0", code: "OutOfRangeQueryParameterValue"),
        .init(query: "restype=container&comp=list&maxresults=many", code: "InvalidQueryParameterValue"),
        .init(query: "restype=container&comp=list&marker=%21%21", code: "InvalidQueryParameterValue"),
        .init(query: "restype=container", code: "InvalidQueryParameterValue"),
    ]

    @Test(arguments: badQueries)
    func badQueries_are400WithStoragesCode(_ c: BadQuery) async throws {
        try await withBlobEmulator { h, _ in
            let response = try await h.blob("GET", EmulatorHarness.container + "?" + c.query)
            #expect(response.status == 400)
            #expect(response.storageErrorCode == c.code)
            #expect(response.header("x-ms-error-code") == c.code)
            #expect(response.header("Content-Type") == "application/xml")
        }
    }
}
