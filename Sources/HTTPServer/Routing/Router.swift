/// Collects routes and middleware, then freezes them into an immutable `RouterResponder`.
/// Building once means serving never takes a lock or sees a half-registered route.
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPReply

    struct Route: Sendable {
        var method: HTTPMethod
        var pattern: RoutePattern
        var handler: Handler
    }

    /// A handler for every method and every path under `prefix` that no route matches.
    struct Fallback: Sendable {
        var prefix: String
        var handler: Handler
    }

    var routes: [Route] = []
    var fallbacks: [Fallback] = []
    var middleware: [any HTTPMiddleware] = []

    public init() {}

    /// Registers `handler` for `method` on `path`; a second registration of the same pair replaces the first.
    public mutating func on(_ method: HTTPMethod, _ path: String, handler: @escaping Handler) {
        let pattern = RoutePattern(path)
        routes.removeAll { $0.method == method && $0.pattern == pattern }
        routes.append(Route(method: method, pattern: pattern, handler: handler))
    }

    /// A handler that answers at once on the event loop.
    public mutating func on(_ method: HTTPMethod, _ path: String, respond: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) {
        on(method, path) { request in .now(try respond(request)) }
    }

    /// A handler that suspends; `errorRenderer` of the responder turns its errors into responses.
    public mutating func on(_ method: HTTPMethod, _ path: String, async respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        on(method, path, handler: RouterResponder.asyncHandler(respond))
    }

    /// Registers `handler` for any method on any path that starts with `prefix` (e.g. `/proxy/`) where
    /// no route takes that method (instead of 404 or 405; `OPTIONS` of a routed path stays the router's): a catch-all for passing a whole subtree on (a reverse proxy), while routes
    /// registered under the same prefix still win. The longest matching prefix is chosen; the request's
    /// `route` (the label of logs and metrics) is `prefix` followed by `**`. A second registration of
    /// the same prefix replaces the first.
    public mutating func fallback(prefix: String, handler: @escaping Handler) {
        precondition(prefix.hasPrefix("/"), "fallback prefix '\(prefix)' must start with '/'")
        fallbacks.removeAll { $0.prefix == prefix }
        fallbacks.append(Fallback(prefix: prefix, handler: handler))
    }

    /// A suspending catch-all (see `fallback(prefix:handler:)`).
    public mutating func fallback(prefix: String, async respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        fallback(prefix: prefix, handler: RouterResponder.asyncHandler(respond))
    }

    public mutating func add(middleware: any HTTPMiddleware) {
        self.middleware.append(middleware)
    }

    /// Freezes the routes. `errorRenderer` turns thrown errors and router refusals (404, 405) into
    /// responses, so the application decides the error body shape (problem+json, or another).
    public func buildResponder(errorRenderer: @escaping ErrorRenderer = ProblemRenderer.render) -> RouterResponder {
        RouterResponder(routes: routes, fallbacks: fallbacks, middleware: middleware, errorRenderer: errorRenderer)
    }
}

/// Turns an error raised while answering `request` into a response.
public typealias ErrorRenderer = @Sendable (_ error: any Error, _ request: HTTPRequest) -> HTTPResponse
