/// The delivery schema of an Event Grid subscription (ARM's `eventDeliverySchema`). It decides both
/// the handshake (a validation event, or the CloudEvents `OPTIONS` abuse-protection request) and the
/// envelope every event is delivered in, so a receiver must handle whichever its subscription names.
public enum EventGridSchema: String, Sendable, CaseIterable {
    /// A JSON array of events, `Content-Type: application/json`; the handshake is a
    /// `SubscriptionValidationEvent` answered with `{"validationResponse": code}`.
    case eventGrid = "EventGridSchema"
    /// One CloudEvents 1.0 object per request, `Content-Type: application/cloudevents+json`; the
    /// handshake is `OPTIONS` answered with `WebHook-Allowed-Origin`.
    case cloudEvents = "CloudEventSchemaV1_0"

    /// The schema named `text`, ignoring case as ARM's enum binding does.
    init?(name text: String) {
        guard let schema = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = schema
    }
}
