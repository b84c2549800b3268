public import Foundation

/// One Event Grid subscription of the emulated storage account: where its events go, in which schema.
///
/// The endpoint usually carries its secret in the query (`?code=…`, as Azure Functions and the
/// gateway's `/v1/eventgrid/blob-events` take it), so only `loggableEndpoint` may reach a log line and
/// only `maskedEndpoint` an answer; the full URL is used for sending and nothing else.
public struct EventGridSubscription: Sendable, Equatable {
    /// A random lower-case UUID; upper-cased, it is the `aeg-subscription-name` header.
    public let id: String
    public let endpoint: URL
    public let schema: EventGridSchema

    init(id: String, endpoint: URL, schema: EventGridSchema) {
        self.id = id
        self.endpoint = endpoint
        self.schema = schema
    }

    /// Event Grid sends the subscription's name upper-cased in `aeg-subscription-name`.
    var headerName: String { id.uppercased() }

    /// `scheme://host[:port]/path`: no user, query or fragment.
    var loggableEndpoint: String { EndpointText.loggable(endpoint) }

    /// The endpoint with every query value replaced by `***` (`?code=***`), so a listing shows which
    /// parameters are set without showing them.
    var maskedEndpoint: String { EndpointText.masked(endpoint) }

    /// What the admin API answers: `{"id","endpoint","schema"}`, the endpoint masked.
    var wire: JSONValue {
        .object(["id": .string(id), "endpoint": .string(maskedEndpoint), "schema": .string(schema.rawValue)])
    }
}
