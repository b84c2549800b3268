/// What a verified delivery tells the gateway beyond "it is authentic".
public struct VerifiedDelivery: Sendable, Equatable {
    /// The sender's delivery id when the scheme has one: `webhook-id` (standard), `X-GitHub-Delivery` (github),
    /// the event's top-level "id" in the JSON body (stripe), the `Idempotency-Key` header (token; optional). nil when absent.
    /// The gateway keys its 24 h duplicate check on it, so a sender's retry starts nothing new.
    public var deliveryID: String?
    /// GitHub's `X-GitHub-Event: ping`: answered 200 without a run.
    public var isPing: Bool

    /// A verified delivery.
    public init(deliveryID: String?, isPing: Bool = false) {
        self.deliveryID = deliveryID
        self.isPing = isPing
    }
}
