import Foundation

/// Builds request URLs from path segments, each percent-encoded on its own.
///
/// Ids reach the client from callers (`/v1/pipelines/{id}`), so a segment must never be able to add
/// path levels or a query: `/`, `?` and `%` are escaped, and `.`/`..` are refused outright because
/// HTTP stacks normalise them away — `../../other` would otherwise send the bearer token to a
/// different Azure path.
enum RequestPath {
    static func url(
        base: URL, segments: [String], query: [(String, String)], operation: String
    ) throws(AzureMLError) -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        for segment in segments {
            guard !segment.isEmpty, segment != ".", segment != ".." else {
                throw AzureMLError(
                    code: .badRequest,
                    message: "'\(segment)' is not a valid identifier in a request path",
                    operation: operation
                )
            }
            text += "/" + FormEncoding.escape(segment)
        }
        if !query.isEmpty {
            text += "?" + FormEncoding.query(query)
        }
        guard let url = URL(string: text) else {
            throw AzureMLError(code: .badRequest, message: "the request URL could not be formed", operation: operation)
        }
        return url
    }
}
