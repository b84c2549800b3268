import HTTPServer

/// The `activeOnly=true|false` query of the pipelines service's lists (msrest writes it lower-case);
/// absent means all. Anything else is refused rather than guessed.
enum ActiveOnlyQuery {
    static func read(_ request: HTTPRequest) throws(AzureError) -> Bool {
        guard let raw = request.query("activeOnly") else { return false }
        switch raw.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badRequest("InvalidQueryParameter", "activeOnly must be true or false; got '\(raw)'.")
        }
    }
}
