/// Why the emulator refused an Event Grid subscription. The admin API answers it as
/// `{"Error":{"Code": reason, "Message": message}}`, 400 (503 while stopping); the message names the
/// endpoint only as `scheme://host:port/path`, never with its query.
public struct EventGridSubscriptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The request itself: not JSON, no endpoint, not an absolute http(s) URL, unknown schema.
        case invalidSubscription = "InvalidEventSubscription"
        /// The endpoint did not complete Event Grid's handshake (unreachable, wrong status, wrong code
        /// or origin), so Event Grid would not create the subscription either.
        case handshakeFailed = "WebhookValidationFailed"
        /// The emulator is shutting down and starts no new deliveries.
        case stopping = "EmulatorStopping"
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
