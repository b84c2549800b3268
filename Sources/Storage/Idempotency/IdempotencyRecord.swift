public import Foundation

/// A stored `Idempotency-Key`: which run the first request created and, once it was answered, the
/// answer, so a repeat gets the same status and run without a second submission.
public struct IdempotencyRecord: Sendable, Equatable {
    /// Who may reuse the key: the API key's name (or `anonymous`), so two callers cannot collide.
    public var scope: String
    public var key: String
    /// A digest of the request (path and canonical body); a repeat with another body is refused.
    public var fingerprint: [UInt8]
    public var runID: String
    /// nil while the first request is still being answered.
    public var responseStatus: Int?
    public var responseBody: [UInt8]?
    public var createdAt: Date

    public init(
        scope: String, key: String, fingerprint: [UInt8], runID: String, responseStatus: Int? = nil, responseBody: [UInt8]? = nil,
        createdAt: Date
    ) {
        self.scope = scope
        self.key = key
        self.fingerprint = fingerprint
        self.runID = runID
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.createdAt = createdAt
    }

    public var isAnswered: Bool { responseStatus != nil }
}

/// What inserting a run under an idempotency key found.
public enum RunInsertOutcome: Sendable, Equatable {
    /// The run (and the key, if any) are now stored.
    case inserted
    /// The key was already used; nothing was stored.
    case duplicate(IdempotencyRecord)
}
