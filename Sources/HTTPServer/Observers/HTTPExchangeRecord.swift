/// One finished request/response exchange, as the access log and metrics see it. Built by the
/// connection for every answer — including parser refusals that never reached the router.
public struct HTTPExchangeRecord: Sendable {
    public var requestID: String
    /// The method, or nil when the request line could not be read.
    public var method: HTTPMethod?
    /// Path without the query string (queries may carry codes or tokens).
    public var path: String
    /// Route template, `unmatched` for 404s, `invalid` for requests refused by the parser.
    public var route: String
    public var status: Int
    /// Body bytes sent.
    public var bytes: Int
    public var durationSeconds: Double
    public var remoteAddress: String
    public var version: HTTPVersion
}

/// Receives every exchange after its response is queued for writing. Called on an event loop
/// thread, so it must be quick and must not block.
public protocol HTTPExchangeObserver: Sendable {
    func exchangeCompleted(_ record: HTTPExchangeRecord)
}
