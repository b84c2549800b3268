import Foundation

/// The body of `POST /emulator/eventgrid/subscriptions`, `{"endpoint","schema"}`, and the endpoint
/// rules the Swift API shares: an absolute `http` or `https` URL with a host (Event Grid itself wants
/// https; the emulator also takes http, since the gateway it serves listens on loopback without TLS).
enum EventGridSubscriptionSpec {
    static func parse(_ body: [UInt8]) throws(EventGridSubscriptionError) -> (endpoint: URL, schema: EventGridSchema) {
        let schemas = EventGridSchema.allCases.map(\.rawValue).joined(separator: " or ")
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw invalid("The body must be a JSON object {\"endpoint\": URL, \"schema\": \(schemas)}.")
        }
        guard let text = object["endpoint"]?.stringValue, let endpoint = URL(string: text) else {
            throw invalid("'endpoint' is required: the subscriber's absolute http(s) URL.")
        }
        var schema = EventGridSchema.eventGrid
        switch object["schema"] {
        case nil, .null?:
            break
        case .string(let name)?:
            guard let named = EventGridSchema(name: name) else { throw invalid("'schema' must be \(schemas).") }
            schema = named
        default:
            throw invalid("'schema' must be \(schemas).")
        }
        try check(endpoint)
        return (endpoint, schema)
    }

    /// The message never repeats the URL: it may carry a secret in its query.
    static func check(_ endpoint: URL) throws(EventGridSubscriptionError) {
        let scheme = endpoint.scheme?.lowercased()
        guard scheme == "http" || scheme == "https", let host = endpoint.host, !host.isEmpty else {
            throw invalid("'endpoint' must be an absolute http or https URL with a host.")
        }
    }

    private static func invalid(_ message: String) -> EventGridSubscriptionError {
        EventGridSubscriptionError(.invalidSubscription, message)
    }
}
