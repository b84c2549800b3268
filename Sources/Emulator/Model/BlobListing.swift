import Foundation

/// One page of List Blobs over a container's blobs: the prefix filter, the delimiter's virtual
/// folders (`BlobPrefix`), `maxresults` and the marker, as Storage applies them (reference §8).
///
/// Entries (blobs and folders) are in lexicographic order of their UTF-8 bytes and both count
/// against `maxresults`. A marker is the opaque form of the next page's first entry name, so a page
/// boundary stays put when blobs are added before it.
struct BlobListing: Sendable, Equatable {
    enum Entry: Sendable, Equatable {
        case blob(StoredBlob)
        /// A virtual folder: the prefix plus everything up to and including the delimiter.
        case folder(String)

        var name: String {
            switch self {
            case .blob(let blob): blob.name
            case .folder(let name): name
            }
        }
    }

    var entries: [Entry]
    /// Empty on the last page.
    var nextMarker: String

    /// - Parameter blobs: The container's blobs whose names start with `prefix` (others are dropped).
    init(blobs: [StoredBlob], prefix: String, delimiter: String, marker: String?, maxResults: Int) {
        var folders: Set<String> = []
        var all: [Entry] = []
        for blob in blobs where blob.name.utf8.starts(with: prefix.utf8) {
            let rest = String(decoding: blob.name.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
            if !delimiter.isEmpty, let end = rest.range(of: delimiter) {
                let folder = prefix + String(rest[..<end.upperBound])
                if folders.insert(folder).inserted { all.append(.folder(folder)) }
            } else {
                all.append(.blob(blob))
            }
        }
        all.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let start = marker.map { first in all.firstIndex { !$0.name.utf8.lexicographicallyPrecedes(first.utf8) } ?? all.count } ?? 0
        let end = min(all.count, start + maxResults)
        entries = Array(all[start..<end])
        nextMarker = end < all.count ? Self.marker(for: all[end].name) : ""
    }

    /// The opaque marker for a page starting at entry `name` (base64url of the name).
    static func marker(for name: String) -> String {
        Data(name.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The entry name a marker stands for; nil when the marker is not one this emulator wrote.
    static func name(fromMarker marker: String) -> String? {
        var text = marker.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let name = String(data: data, encoding: .utf8), !name.isEmpty else { return nil }
        return name
    }
}
