import Foundation

/// One page of a List Blobs answer (`<EnumerationResults>`, reference §8): its blobs and the marker
/// of the next page. `<BlobPrefix>` entries (the virtual subfolders a delimiter produces) are
/// counted but not returned: a watched folder's subfolders never trigger.
struct BlobListPage: Sendable, Hashable {
    var blobs: [BlobItem]
    var subfolderCount: Int
    /// Nil when this is the last page (`<NextMarker />` empty or absent).
    var nextMarker: String?

    enum ParseError: Error, Equatable {
        /// Not XML, or not an `EnumerationResults` document.
        case notAListing
        /// A `<Blob>` lacks a property a listing always has, or has one that does not parse.
        case badBlob(index: Int, field: String)
    }

    static func parse(_ body: Data) throws(ParseError) -> BlobListPage {
        guard let root = XMLElementTree.parse(body), root.name == "EnumerationResults" else { throw .notAListing }
        let entries = root.child("Blobs")?.children ?? []
        var blobs: [BlobItem] = []
        var subfolders = 0
        for element in entries {
            switch element.name {
            case "Blob":
                blobs.append(try blob(element, index: blobs.count))
            case "BlobPrefix":
                subfolders += 1
            default:
                continue
            }
        }
        let marker = root.child("NextMarker")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return BlobListPage(blobs: blobs, subfolderCount: subfolders, nextMarker: marker.isEmpty ? nil : marker)
    }

    /// Names keep their exact text (a blob may be named with spaces); properties are trimmed.
    private static func blob(_ element: XMLElementTree, index: Int) throws(ParseError) -> BlobItem {
        guard let name = element.child("Name")?.text, !name.isEmpty else { throw .badBlob(index: index, field: "Name") }
        let properties = element.child("Properties")
        func property(_ field: String) throws(ParseError) -> String {
            guard let text = properties?.child(field)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw .badBlob(index: index, field: field)
            }
            return text
        }
        let etag = try property("Etag")
        guard let lastModified = RetryAfter.httpDate(try property("Last-Modified")) else {
            throw .badBlob(index: index, field: "Last-Modified")
        }
        guard let length = Int64(try property("Content-Length")), length >= 0 else {
            throw .badBlob(index: index, field: "Content-Length")
        }
        return BlobItem(name: name, etag: etag, lastModified: lastModified, contentLength: length)
    }
}
