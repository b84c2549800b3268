import Foundation

/// The requests Event Grid sends a webhook, with its delivery headers (reference §9): the
/// validation event and the CloudEvents `OPTIONS` handshake, and event notifications in either schema.
enum EventGridRequest {
    /// The origin Event Grid names in the CloudEvents abuse-protection handshake.
    static let origin = "eventgrid.azure.net"
    /// Event Grid's `WebHook-Request-Rate`: deliveries per minute it asks to be allowed.
    static let requestRate = "120"

    /// Only these statuses count as delivered; everything else (even 3xx or 206) is retried.
    static func isDelivered(_ status: Int) -> Bool {
        (200...204).contains(status)
    }

    /// The Event Grid schema handshake: an array holding only the validation event.
    static func validation(_ event: EventGridEvent, for subscription: EventGridSubscription) -> WebhookRequest {
        WebhookRequest(
            method: "POST", url: subscription.endpoint,
            headers: headers(
                eventType: "SubscriptionValidation", subscription: subscription, deliveryCount: 0, dataVersion: event.dataVersion,
                metadataVersion: event.metadataVersion, contentType: "application/json"),
            body: JSONValue.array([event.eventGridWire]).serialized)
    }

    /// The CloudEvents 1.0 webhook abuse-protection request; the endpoint must allow the origin.
    static func abuseProtection(for subscription: EventGridSubscription) -> WebhookRequest {
        WebhookRequest(
            method: "OPTIONS", url: subscription.endpoint,
            headers: ["WebHook-Request-Origin": origin, "WebHook-Request-Rate": requestRate], body: nil)
    }

    /// Attempt `deliveryCount` (0 first) of `event`: an array of one event in the Event Grid schema,
    /// one CloudEvents object otherwise (Event Grid's default without batching).
    static func notification(_ event: EventGridEvent, for subscription: EventGridSubscription, deliveryCount: Int) -> WebhookRequest {
        let body: JSONValue
        let contentType: String
        let metadataVersion: String
        switch subscription.schema {
        case .eventGrid:
            body = .array([event.eventGridWire])
            contentType = "application/json"
            metadataVersion = event.metadataVersion
        case .cloudEvents:
            body = event.cloudEventWire
            contentType = "application/cloudevents+json; charset=utf-8"
            // For CloudEvents the metadata version is the spec version.
            metadataVersion = "1.0"
        }
        return WebhookRequest(
            method: "POST", url: subscription.endpoint,
            headers: headers(
                eventType: "Notification", subscription: subscription, deliveryCount: deliveryCount,
                dataVersion: event.dataVersion, metadataVersion: metadataVersion, contentType: contentType),
            body: body.serialized)
    }

    private static func headers(
        eventType: String, subscription: EventGridSubscription, deliveryCount: Int, dataVersion: String, metadataVersion: String,
        contentType: String
    ) -> [String: String] {
        [
            "Content-Type": contentType, "aeg-event-type": eventType, "aeg-subscription-name": subscription.headerName,
            "aeg-delivery-count": String(deliveryCount), "aeg-data-version": dataVersion, "aeg-metadata-version": metadataVersion,
        ]
    }
}
