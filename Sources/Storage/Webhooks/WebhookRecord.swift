public import Foundation

/// One stored webhook. Like a schedule, its mapping (experiment, templates, filter…) is kept as the
/// JSON text of the API resource; the columns are what the store filters on or compares. Its secrets
/// live apart (`WebhookSecretRecord`) so no listing ever reads them by accident.
public struct WebhookRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The published pipeline a delivery runs; empty when it runs a pipeline endpoint instead.
    public var pipelineID: String
    /// The pipeline endpoint a delivery runs (a pinned version, if any, is in `definition`); nil when
    /// it runs a published pipeline.
    public var pipelineEndpointID: String?
    /// `Active` or `Disabled`.
    public var status: String
    /// `standard`, `github`, `stripe`, `token` or `eventgrid`.
    public var scheme: String
    /// The webhook's other fields as JSON object text.
    public var definition: String
    /// Bumped by every update; the API's `ETag`.
    public var version: Int64
    public var createdBy: String?
    public var updatedBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, pipelineID: String, status: String, scheme: String, definition: String, version: Int64 = 1,
        createdBy: String? = nil, updatedBy: String? = nil, createdAt: Date, updatedAt: Date? = nil, pipelineEndpointID: String? = nil
    ) {
        self.pipelineEndpointID = pipelineEndpointID
        self.id = id
        self.name = name
        self.pipelineID = pipelineID
        self.status = status
        self.scheme = scheme
        self.definition = definition
        self.version = version
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public var isActive: Bool { status == "Active" }
}

/// A webhook's shared secret as stored. The value is needed in clear to check HMAC signatures; it is
/// never returned by the API, only its `hint`.
public struct WebhookSecretRecord: Sendable, Equatable {
    /// A short non-reversible name of the secret (the API's `secret_hints`, and how one is retired).
    public var hint: String
    public var value: String
    public var createdAt: Date

    public init(hint: String, value: String, createdAt: Date) {
        self.hint = hint
        self.value = value
        self.createdAt = createdAt
    }
}

/// What replacing a webhook found.
public enum WebhookUpdateOutcome: Sendable, Equatable {
    case updated(WebhookRecord)
    /// The stored version is not the one the caller read; nothing changed.
    case stale(current: WebhookRecord)
    case notFound
}

/// What adding or retiring a secret found.
public enum WebhookSecretChange: Sendable, Equatable {
    /// Done; the webhook's secrets as they are now.
    case changed([WebhookSecretRecord])
    /// Adding would exceed the limit of active secrets.
    case tooMany(limit: Int)
    /// Retiring would leave the webhook with no secret, so no delivery could ever be verified.
    case lastSecret
    case unknownSecret
    case notFound
}
