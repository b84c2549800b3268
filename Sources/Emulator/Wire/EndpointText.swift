import Foundation

/// Texts of a subscriber's URL that are safe to show. Webhook URLs carry their secret in the query
/// (`?code=SECRET`) and sometimes in user info, so neither ever appears in a log or an answer.
enum EndpointText {
    /// `scheme://host[:port]/path`, for log lines and error messages.
    static func loggable(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(unparsable URL)" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "(unparsable URL)"
    }

    /// The URL with user info and fragment dropped and each query value replaced by `***`, for listings.
    static func masked(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(unparsable URL)" }
        components.user = nil
        components.password = nil
        components.fragment = nil
        if let items = components.queryItems {
            components.queryItems = items.map { URLQueryItem(name: $0.name, value: $0.value == nil ? nil : "***") }
        }
        return components.string ?? "(unparsable URL)"
    }

    /// The percent-encoded path the call log records (`/` when the URL has none).
    static func path(_ url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        return path.isEmpty ? "/" : path
    }
}
