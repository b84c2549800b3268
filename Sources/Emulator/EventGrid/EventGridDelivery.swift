import AzureML
import Foundation
import Observability

/// Delivers one event to one subscriber as Event Grid does, shortened for a test double: success is
/// 200–204 only; any other answer or none is retried after each of `retryDelays` (Event Grid waits
/// minutes to hours), keeping the event's id and counting up `aeg-delivery-count`; then the event is
/// dropped with a warning (no dead-lettering). Every attempt goes into the call log
/// (`eventgrid_delivery`, the endpoint's path without its query, and the status answered), so tests
/// count deliveries where they count submissions.
struct EventGridDelivery: Sendable {
    let client: WebhookClient
    let calls: CallRecorder
    let logger: Logger
    let clock: @Sendable () -> Date
    let retryDelays: [Duration]

    /// Returns when the event was delivered, dropped, or the task was cancelled (subscription removed,
    /// emulator stopping); a cancelled attempt is neither recorded nor logged.
    func deliver(_ event: EventGridEvent, to subscription: EventGridSubscription) async {
        var outcome = ""
        for attempt in 0...retryDelays.count {
            if attempt > 0 {
                logger.info("event grid delivery failed; retrying", fields(event, subscription, attempt: attempt - 1, outcome))
                do { try await Task.sleep(for: retryDelays[attempt - 1]) } catch { return }
            }
            let request = EventGridRequest.notification(event, for: subscription, deliveryCount: attempt)
            let result = await client.send(request)
            if Task.isCancelled { return }
            var call = RecordedCall(
                operation: .eventGridDelivery, method: request.method, path: EndpointText.path(subscription.endpoint),
                query: nil, body: request.body.flatMap(JSONValue.parse) ?? .null, time: clock())
            switch result {
            case .success(let response):
                call.status = response.status
                calls.record(call)
                if EventGridRequest.isDelivered(response.status) { return }
                outcome = "status \(response.status)"
            case .failure(let failure):
                call.error = failure.description
                calls.record(call)
                outcome = failure.description
            }
        }
        logger.warning("event grid delivery dropped after its retries", fields(event, subscription, attempt: retryDelays.count, outcome))
    }

    /// The endpoint only as `scheme://host:port/path`: its query holds the subscriber's secret.
    private func fields(_ event: EventGridEvent, _ subscription: EventGridSubscription, attempt: Int, _ outcome: String) -> [String: LogValue] {
        [
            "subscription_id": .string(subscription.id), "endpoint": .string(subscription.loggableEndpoint),
            "event_id": .string(event.id), "delivery_count": .int(attempt), "outcome": .string(outcome),
        ]
    }
}
