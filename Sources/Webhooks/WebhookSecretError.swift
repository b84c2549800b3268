/// Why a user-given secret is refused for a scheme. The message names the rule broken and never
/// quotes the secret, so it can go into a 422 problem and a log as it is.
public struct WebhookSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence naming the rule ("a standard webhook secret must start with \"whsec_\" …").
    public var message: String

    /// An error with `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
