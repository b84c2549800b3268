/// How a webhook's sender proves it knows the shared secret; chosen per webhook, stored by raw value.
public enum WebhookScheme: String, Sendable, CaseIterable {
    /// Standard Webhooks 1.0: `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64>`
    /// entries), HMAC-SHA256 over `{id}.{timestamp}.{body}` with the base64-decoded `whsec_` secret.
    case standard
    /// GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the body with the secret's bytes.
    case github
    /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>`, HMAC-SHA256 over `{t}.{body}`.
    case stripe
    /// A shared token, for senders that cannot sign (Logic Apps, Data Factory Web activities):
    /// `Authorization: Bearer <secret>` or `?code=<secret>`.
    case token
    /// Azure Event Grid pushing to a custom topic's webhook: the secret as `?code=` (or Bearer), like `token`.
    case eventgrid
}
