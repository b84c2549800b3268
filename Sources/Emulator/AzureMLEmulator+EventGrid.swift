public import Foundation

/// Event Grid subscriptions from Swift, for a process that embeds the emulator (the gateway's
/// `serve` subscribes its own `/v1/eventgrid/blob-events`) and so has no reason to call its admin API over HTTP.
extension AzureMLEmulator {
    /// Does what `POST /emulator/eventgrid/subscriptions` does: performs `schema`'s handshake with
    /// `endpoint` and, when it passes, sends `Microsoft.Storage.BlobCreated` to it after every Put Blob
    /// (retried per `EmulatorConfiguration.eventGridRetryDelays`). The handshake takes up to 5 s when
    /// the endpoint does not answer, so call it once the endpoint is serving.
    ///
    /// - Throws: `.invalidSubscription` for an endpoint that is not an absolute http(s) URL,
    ///   `.handshakeFailed` naming what the endpoint answered, `.stopping` after `shutdown`.
    @discardableResult
    public func subscribeEventGrid(
        endpoint: URL, schema: EventGridSchema = .eventGrid
    ) async throws(EventGridSubscriptionError) -> EventGridSubscription {
        try await services.eventGrid.subscribe(endpoint: endpoint, schema: schema, validationBase: services.baseURL(host: nil))
    }

    /// The current subscriptions, oldest first.
    public var eventGridSubscriptions: [EventGridSubscription] {
        services.eventGrid.all
    }

    /// Removes every subscription; returns once their pending deliveries have stopped.
    public func removeEventGridSubscriptions() async {
        await services.eventGrid.removeAll()
    }
}
