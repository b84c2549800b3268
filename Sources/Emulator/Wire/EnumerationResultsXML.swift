/// The List Blobs answer, `<EnumerationResults>`, written as Storage writes it (reference §8):
/// `Prefix`, `Marker`, `MaxResults` and `Delimiter` echoed only when the request gave them, blobs
/// and `BlobPrefix` folders interleaved in name order inside `<Blobs>`, and `<NextMarker />` empty
/// on the last page. Blob properties are those of a block blob in the hot tier; `Content-Type` is
/// `application/octet-stream` because a file has none, and `Creation-Time` repeats `Last-Modified`
/// because Linux keeps no portable creation time.
enum EnumerationResultsXML {
    struct Request: Sendable {
        var serviceEndpoint: String
        var container: String
        var prefix: String?
        var marker: String?
        var maxResults: Int?
        var delimiter: String?
    }

    static func render(_ request: Request, _ listing: BlobListing) -> String {
        var xml = #"<?xml version="1.0" encoding="utf-8"?>"#
        xml += "<EnumerationResults ServiceEndpoint=\"\(XMLText.escape(request.serviceEndpoint))\""
            + " ContainerName=\"\(XMLText.escape(request.container))\">"
        if let prefix = request.prefix { xml += XMLText.element("Prefix", prefix) }
        if let marker = request.marker { xml += XMLText.element("Marker", marker) }
        if let maxResults = request.maxResults { xml += XMLText.element("MaxResults", String(maxResults)) }
        if let delimiter = request.delimiter { xml += XMLText.element("Delimiter", delimiter) }
        xml += "<Blobs>"
        for entry in listing.entries {
            switch entry {
            case .blob(let blob):
                xml += "<Blob>" + XMLText.element("Name", blob.name) + "<Properties>"
                    + XMLText.element("Creation-Time", blob.lastModified)
                    + XMLText.element("Last-Modified", blob.lastModified)
                    + XMLText.element("Etag", blob.etag)
                    + XMLText.element("Content-Length", String(blob.size))
                    + XMLText.element("Content-Type", "application/octet-stream")
                    + "<Content-Encoding /><Content-Language /><Content-MD5 /><Cache-Control /><Content-Disposition />"
                    + "<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true</AccessTierInferred>"
                    + "<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><ServerEncrypted>true</ServerEncrypted>"
                    + "</Properties></Blob>"
            case .folder(let name):
                xml += "<BlobPrefix>" + XMLText.element("Name", name) + "</BlobPrefix>"
            }
        }
        xml += "</Blobs>" + XMLText.element("NextMarker", listing.nextMarker) + "</EnumerationResults>"
        return xml
    }
}
