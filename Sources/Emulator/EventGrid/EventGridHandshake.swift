import AzureML
import Foundation
import Observability

/// Event Grid's check that an endpoint wants the events before a subscription exists (reference §9):
/// the Event Grid schema posts a validation event and needs 200 with `{"validationResponse": code}`;
/// CloudEvents sends `OPTIONS` and needs 200 with `WebHook-Allowed-Origin: eventgrid.azure.net` (or `*`).
/// A failure says what the endpoint answered, naming it without its query.
struct EventGridHandshake: Sendable {
    let client: WebhookClient
    let clock: @Sendable () -> Date

    /// - Parameter validationBase: The emulator's public base URL, for the event's `validationUrl`.
    func perform(for subscription: EventGridSubscription, validationBase: String) async throws(EventGridSubscriptionError) {
        switch subscription.schema {
        case .eventGrid: try await validate(subscription, validationBase: validationBase)
        case .cloudEvents: try await checkOrigin(subscription)
        }
    }

    private func validate(_ subscription: EventGridSubscription, validationBase: String) async throws(EventGridSubscriptionError) {
        let code = RandomUUID.make()
        let event = EventGridEvent.subscriptionValidation(
            code: code, validationURL: "\(validationBase)/emulator/eventgrid/subscriptions/\(subscription.id)/validate?id=\(code)",
            topic: EventGridEvent.storageTopic(account: EmulatedDatastore.accountName), time: clock())
        let response = try await answer(to: EventGridRequest.validation(event, for: subscription), subscription)
        guard response.status == 200 else {
            throw failed(subscription, "the endpoint answered \(response.status) to the validation event; Event Grid needs 200")
        }
        guard let answered = JSONValue.parse([UInt8](response.body))?.objectValue?.value(ignoringCase: "validationResponse") else {
            throw failed(subscription, "the endpoint answered 200 without {\"validationResponse\": <validationCode>}")
        }
        guard answered.stringValue?.lowercased() == code else {
            throw failed(subscription, "the endpoint's validationResponse is not the validationCode it was sent")
        }
    }

    private func checkOrigin(_ subscription: EventGridSubscription) async throws(EventGridSubscriptionError) {
        let response = try await answer(to: EventGridRequest.abuseProtection(for: subscription), subscription)
        guard response.status == 200 else {
            throw failed(subscription, "the endpoint answered \(response.status) to OPTIONS; CloudEvents abuse protection needs 200")
        }
        guard let allowed = response.header("WebHook-Allowed-Origin")?.trimmingCharacters(in: .whitespaces) else {
            throw failed(subscription, "the endpoint answered OPTIONS without WebHook-Allowed-Origin")
        }
        guard allowed == "*" || allowed.lowercased() == EventGridRequest.origin else {
            throw failed(
                subscription,
                "the endpoint allowed origin '\(allowed.prefix(100))', not '\(EventGridRequest.origin)' or '*'")
        }
    }

    private func answer(to request: WebhookRequest, _ subscription: EventGridSubscription) async throws(EventGridSubscriptionError) -> TransportResponse {
        switch await client.send(request) {
        case .success(let response): return response
        case .failure(let failure): throw failed(subscription, "the \(request.method) got no answer (\(failure))")
        }
    }

    private func failed(_ subscription: EventGridSubscription, _ what: String) -> EventGridSubscriptionError {
        EventGridSubscriptionError(
            .handshakeFailed, "Webhook validation handshake failed for \(subscription.loggableEndpoint): \(what).")
    }
}
