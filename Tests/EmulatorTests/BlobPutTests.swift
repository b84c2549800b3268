import Emulator
import Foundation
import Testing

/// Put Blob: a block blob written as a file in the datastore's folder, listed at once; names that
/// would leave the folder are refused.
@Suite struct BlobPutTests {
    @Test func put_thenList_showsTheBlobWithTheSameETag() async throws {
        try await withBlobEmulator { h, folder in
            let response = try await h.putBlob("incoming/new.csv", "hello")
            #expect(response.status == 201)
            let etag = try #require(response.header("ETag"))
            #expect(etag.hasPrefix("\"0x8D") && etag.hasSuffix("\""), "the ETag header is quoted")
            #expect(response.header("Last-Modified")?.hasSuffix(" GMT") == true)
            #expect(response.header("x-ms-request-server-encrypted") == "true")
            #expect(response.header("x-ms-version") == "2021-08-06")
            #expect(response.header("x-ms-request-id")?.isEmpty == false)
            #expect(folder.read("incoming/new.csv") == "hello")

            let blob = try #require(try await h.listBlobs("prefix=incoming/&delimiter=/").blobs.first)
            #expect(blob.name == "incoming/new.csv")
            #expect(blob.contentLength == "5")
            #expect("\"\(blob.etag)\"" == etag)
            #expect(blob.lastModified == response.header("Last-Modified"))
        }
    }

    @Test func putAgain_replacesTheBlob_withANewETag() async throws {
        try await withBlobEmulator { h, folder in
            let first = try await h.putBlob("a.txt", "one")
            let second = try await h.putBlob("a.txt", "two")
            #expect(second.status == 201)
            #expect(first.header("ETag") != second.header("ETag"))
            #expect(folder.read("a.txt") == "two")
            #expect(try await h.listBlobs().names == ["a.txt"], "staging files are never listed")
        }
    }

    @Test func encodedSlash_separatesFolders() async throws {
        try await withBlobEmulator { h, folder in
            let response = try await h.putBlob("deep%2Fer/file%20name.csv", "x")
            #expect(response.status == 201)
            #expect(folder.read("deep/er/file name.csv") == "x")
            let listing = try await h.listBlobs()
            #expect(listing.names == ["deep/er/file name.csv"])
        }
    }

    static let traversals = [
        "../escape.txt", "../../escape.txt", "a/../../escape.txt", "%2E%2E/escape.txt", "a%2F..%2F..%2Fescape.txt", "a/./b.txt",
    ]

    @Test(arguments: traversals)
    func pathTraversal_isRefusedWith400(_ name: String) async throws {
        try await withBlobEmulator { h, folder in
            let response = try await h.putBlob(name, "pwned")
            #expect(response.status == 400)
            #expect(response.storageErrorCode == "InvalidResourceName")
            #expect(response.header("x-ms-error-code") == "InvalidResourceName")
            #expect(!FileManager.default.fileExists(atPath: folder.dataDirectory + "/escape.txt"))
            #expect(!FileManager.default.fileExists(atPath: folder.dataDirectory + "/blobs/escape.txt"))
            #expect(try await h.listBlobs().blobs.isEmpty)
        }
    }

    @Test func nameNeedingAFolderWhereABlobIs_isAConflict() async throws {
        try await withBlobEmulator { h, _ in
            #expect(try await h.putBlob("a", "file").status == 201)
            let nested = try await h.putBlob("a/b", "x")
            #expect(nested.status == 409)
            #expect(nested.storageErrorCode == "BlobConflict")
            #expect(try await h.putBlob("dir/x", "x").status == 201)
            #expect(try await h.putBlob("dir", "x").status == 409)
        }
    }

    struct HeaderCase: Sendable, CustomTestStringConvertible {
        var name: String
        var blobType: String?
        var code: String
        var testDescription: String { name }
    }

    static let headerCases: [HeaderCase] = [
        .init(name: "no blob type", blobType: nil, code: "MissingRequiredHeader"),
        .init(name: "page blob", blobType: "PageBlob", code: "InvalidHeaderValue"),
    ]

    @Test(arguments: headerCases)
    func blobType_mustBeBlockBlob(_ c: HeaderCase) async throws {
        try await withBlobEmulator { h, folder in
            var headers = [("Authorization", "Bearer \(try await h.token())"), ("x-ms-version", "2021-08-06")]
            if let type = c.blobType { headers.append(("x-ms-blob-type", type)) }
            let response = try await h.send("PUT", EmulatorHarness.container + "/x.csv", headers: headers, body: "x")
            #expect(response.status == 400)
            #expect(response.storageErrorCode == c.code)
            #expect(folder.read("x.csv") == nil)
        }
    }
}
