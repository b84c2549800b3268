/// Code that wraps every routed request: it may answer itself (authentication refusing a caller) or
/// call `next` and adjust the reply. It runs synchronously on the event loop, so it must not block;
/// suspending work belongs in a `.later` reply.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPRequest, next: (HTTPRequest) -> HTTPReply) -> HTTPReply
}
