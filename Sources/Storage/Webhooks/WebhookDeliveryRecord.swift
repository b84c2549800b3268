public import Foundation

/// One delivery to a webhook, whatever became of it, so "why didn't my webhook fire?" is answered by
/// `GET /v1/webhooks/{id}/deliveries`. It holds no secret and no signature.
public struct WebhookDeliveryRecord: Sendable, Equatable {
    public var webhookID: String
    /// The sender's delivery id (`webhook-id`, `X-GitHub-Delivery`, the Stripe event id…), if it sent one.
    public var deliveryID: String?
    public var receivedAt: Date
    /// `accepted`, `ignored`, `unauthorized`, `invalid`, `duplicate` or `disabled`.
    public var outcome: String
    public var reason: String?
    public var runID: String?
    /// The HTTP status the sender got.
    public var status: Int

    public init(webhookID: String, deliveryID: String?, receivedAt: Date, outcome: String, reason: String?, runID: String?, status: Int) {
        self.webhookID = webhookID
        self.deliveryID = deliveryID
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.reason = reason
        self.runID = runID
        self.status = status
    }
}
