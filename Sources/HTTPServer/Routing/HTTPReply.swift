/// A handler's answer: ready now, or work that must suspend (a database, an upstream call).
///
/// Splitting the two keeps fast handlers (health, validation against cached definitions) on the
/// connection's event loop with no task hop, while slow ones run on Swift concurrency and post their
/// response back. Middleware transforms either kind with `map` without knowing which it is.
public enum HTTPReply: Sendable {
    case now(HTTPResponse)
    case later(@Sendable () async throws -> HTTPResponse)

    /// Applies `transform` to the eventual response (not to an error thrown by `.later` work).
    public func map(_ transform: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> HTTPReply {
        switch self {
        case .now(let response):
            return .now(transform(response))
        case .later(let work):
            return .later { transform(try await work()) }
        }
    }
}
