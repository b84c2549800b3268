import Emulator
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport

/// A data directory of its own under the system temp folder, removed afterwards, so blob tests
/// never touch `./data` and never see each other's files. `eventGridRetryDelays` shortens Event Grid
/// retries for tests that wait for them.
func withBlobEmulator(
    eventGridRetryDelays: [Duration] = EmulatorConfiguration().eventGridRetryDelays,
    _ body: (EmulatorHarness, BlobFolder) async throws -> Void
) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-blobs-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await withEmulator(EmulatorConfiguration(dataDirectory: directory, eventGridRetryDelays: eventGridRetryDelays)) { h in
        try await body(h, BlobFolder(dataDirectory: directory))
    }
}

/// The `workspaceblobstore` folder on disk, for writing files "by hand" as a user would.
struct BlobFolder: Sendable {
    let dataDirectory: String
    var path: String { dataDirectory + "/blobs/workspaceblobstore" }

    func write(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func setModified(_ name: String, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path + "/" + name)
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension EmulatorHarness {
    static let container = "/blob/emulatedaccount/workspaceblobstore"

    /// A Blob request with a fresh token and `x-ms-version`, unless the test overrides the headers.
    func blob(
        _ method: String, _ target: String, headers: [(String, String)]? = nil, body: String? = nil
    ) async throws -> RawHTTPResponse {
        let token = try await token()
        let sent = headers ?? [("Authorization", "Bearer \(token)"), ("x-ms-version", "2021-08-06")]
        return try await send(method, target, headers: sent, body: body)
    }

    /// List Blobs on `workspaceblobstore` with `query` appended to `restype=container&comp=list`.
    func listBlobs(_ query: String = "") async throws -> BlobListXML {
        let response = try await blob("GET", Self.container + "?restype=container&comp=list" + (query.isEmpty ? "" : "&" + query))
        guard response.status == 200, let listing = BlobListXML(response.body) else {
            throw HarnessError.unexpected("List Blobs answered \(response.status): \(response.bodyText)")
        }
        return listing
    }

    /// Put Blob (BlockBlob) on `workspaceblobstore`, with `extraHeaders` after the required ones.
    func putBlob(_ name: String, _ content: String, extraHeaders: [(String, String)] = []) async throws -> RawHTTPResponse {
        let token = try await token()
        return try await send(
            "PUT", Self.container + "/" + name,
            headers: [("Authorization", "Bearer \(token)"), ("x-ms-version", "2021-08-06"), ("x-ms-blob-type", "BlockBlob")]
                + extraHeaders,
            body: content)
    }
}

/// A List Blobs answer read with Foundation's XML parser, independently of the emulator's writer.
struct BlobListXML: Sendable {
    struct Blob: Sendable, Equatable {
        var name = ""
        var etag = ""
        var lastModified = ""
        var contentLength = ""
    }

    var rootAttributes: [String: String] = [:]
    /// Top-level elements other than `Blobs` (`Prefix`, `Marker`, `MaxResults`, `Delimiter`, `NextMarker`).
    var fields: [String: String] = [:]
    var blobs: [Blob] = []
    var prefixes: [String] = []

    var names: [String] { blobs.map(\.name) }
    var nextMarker: String { fields["NextMarker"] ?? "" }

    init?(_ body: [UInt8]) {
        let parser = XMLParser(data: Data(body))
        let reader = Reader()
        parser.delegate = reader
        guard parser.parse(), parser.parserError == nil, reader.root == "EnumerationResults" else { return nil }
        self = reader.result
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var result = BlobListXML(empty: ())
        var root: String?
        var path: [String] = []
        var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if path.isEmpty {
                root = name
                result.rootAttributes = attributes
            }
            path.append(name)
            text = ""
            if name == "Blob" { result.blobs.append(Blob()) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let parent = path.dropLast().last
            switch (parent, name) {
            case ("EnumerationResults", _) where name != "Blobs": result.fields[name] = text
            case ("Blob", "Name"): result.blobs[result.blobs.count - 1].name = text
            case ("BlobPrefix", "Name"): result.prefixes.append(text)
            case ("Properties", "Etag"): result.blobs[result.blobs.count - 1].etag = text
            case ("Properties", "Last-Modified"): result.blobs[result.blobs.count - 1].lastModified = text
            case ("Properties", "Content-Length"): result.blobs[result.blobs.count - 1].contentLength = text
            default: break
            }
            path.removeLast()
            text = ""
        }
    }

    private init(empty: Void) {}
}

extension RawHTTPResponse {
    /// `<Code>` of a Storage XML error body.
    var storageErrorCode: String? {
        guard let start = bodyText.range(of: "<Code>"), let end = bodyText.range(of: "</Code>") else { return nil }
        return String(bodyText[start.upperBound..<end.lowerBound])
    }
}
