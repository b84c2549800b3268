/// A successful answer together with the request id it was obtained under, for errors raised while
/// reading it.
struct AzureMLAnswer: Sendable {
    var response: TransportResponse
    var clientRequestID: String
}
