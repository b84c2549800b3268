/// A webhook's shared secret. Never printed: `description`, `debugDescription` and mirrors show only
/// the hint, so interpolating or dumping a secret into a log or a problem cannot leak it.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret as the sender knows it (`whsec_…` for generated ones).
    public let value: String

    /// How many secrets a webhook may have active at once: enough for a sender to sign with the old
    /// and the new one while rotating, without an unbounded amount of work per delivery.
    public static let maximumActive = 3

    /// Short, URL-safe, non-reversible name of the secret: the first 8 hex digits of SHA-256(value). Used in
    /// `DELETE /v1/webhooks/{id}/secrets/{hint}` and shown in `secret_hints`, so rotation never needs the value.
    public var hint: String {
        Hex.encode(Crypto.sha256(Array(value.utf8)).prefix(4))
    }

    /// Standard Webhooks style: "whsec_" + base64 of 32 random bytes (RAND_bytes). Valid for every scheme:
    /// GitHub, Stripe and token senders use the whole string as their secret.
    public static func generate() -> WebhookSecret {
        WebhookSecret(unchecked: "whsec_" + Base64.encode(Crypto.randomBytes(32)))
    }

    /// Validates a user-given secret for a scheme: for `standard`, "whsec_" + base64 decoding to 24–64 bytes
    /// (the Standard Webhooks key size); for the others 16–256 printable ASCII characters without spaces,
    /// which every sender's settings page accepts and no header or query string mangles.
    /// - Throws: `WebhookSecretError` naming the rule broken; it never echoes the value.
    public init(_ value: String, for scheme: WebhookScheme) throws(WebhookSecretError) {
        switch scheme {
        case .standard: try Self.checkStandard(value)
        case .github, .stripe, .token, .eventgrid: try Self.checkShared(value, scheme: scheme)
        }
        self.value = value
    }

    /// A secret read back from the database: it was validated when it was stored.
    public init(unchecked value: String) {
        self.value = value
    }

    /// `WebhookSecret(hint: 1a2b3c4d)`.
    public var description: String { "WebhookSecret(hint: \(hint))" }

    /// The same as `description`: debug output must not show the value either.
    public var debugDescription: String { description }

    /// Only the hint, so `dump` and reflection-based loggers cannot reach the value.
    public var customMirror: Mirror { Mirror(self, children: ["hint": hint]) }

    /// The HMAC key this secret stands for under `scheme`: Standard Webhooks decodes the base64 after
    /// `whsec_`; the other schemes use the secret's UTF-8 bytes. nil when a stored standard secret does
    /// not decode (then it matches nothing).
    func key(for scheme: WebhookScheme) -> [UInt8]? {
        switch scheme {
        case .standard:
            let encoded = value.hasPrefix(Self.standardPrefix) ? value.dropFirst(Self.standardPrefix.count) : value[...]
            return Base64.decode(encoded)
        case .github, .stripe, .token, .eventgrid:
            return Array(value.utf8)
        }
    }

    static let standardPrefix = "whsec_"
    static let standardKeyBytes = 24...64
    static let sharedLength = 16...256

    private static func checkStandard(_ value: String) throws(WebhookSecretError) {
        guard value.hasPrefix(standardPrefix) else {
            throw WebhookSecretError(message: #"a standard webhook secret must be "whsec_" followed by base64 (Standard Webhooks 1.0)"#)
        }
        guard let key = Base64.decode(value.dropFirst(standardPrefix.count)) else {
            throw WebhookSecretError(message: #"the part of a standard webhook secret after "whsec_" must be base64 (A-Z, a-z, 0-9, "+", "/", "=" padding)"#)
        }
        guard standardKeyBytes.contains(key.count) else {
            throw WebhookSecretError(message: "a standard webhook secret must decode to \(standardKeyBytes.lowerBound) to \(standardKeyBytes.upperBound) bytes; this one decodes to \(key.count)")
        }
    }

    private static func checkShared(_ value: String, scheme: WebhookScheme) throws(WebhookSecretError) {
        for (position, scalar) in value.unicodeScalars.enumerated() where !(0x21...0x7E).contains(scalar.value) {
            throw WebhookSecretError(message: "a \(scheme.rawValue) webhook secret may contain only printable ASCII characters without spaces; character \(position + 1) is not one")
        }
        let length = value.utf8.count
        guard sharedLength.contains(length) else {
            throw WebhookSecretError(message: "a \(scheme.rawValue) webhook secret must be \(sharedLength.lowerBound) to \(sharedLength.upperBound) characters long; this one has \(length)")
        }
    }
}
