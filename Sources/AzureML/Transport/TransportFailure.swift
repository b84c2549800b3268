/// Why a request got no HTTP answer.
///
/// The kinds matter to retries: only `.notSent` proves the server never saw the request, so it is the
/// only transport failure after which a non-idempotent call (a submit) may be repeated blindly.
public struct TransportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// No connection was made (refused, unreachable, DNS, TLS handshake): the request was not sent.
        case notSent = "not_sent"
        /// The attempt's time ran out; the server may or may not have acted on the request.
        case timedOut = "timed_out"
        /// The connection broke after it was established; the server may have acted on the request.
        case connectionLost = "connection_lost"
        /// The caller's task was cancelled.
        case cancelled
        /// Anything else; treated as ambiguous.
        case other
    }

    public var kind: Kind
    /// What happened, without URLs' query strings, headers or bodies.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
