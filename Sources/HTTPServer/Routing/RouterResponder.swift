/// The frozen routing table: matches a path by segments (literals before `{parameters}`), answers
/// 404/405/OPTIONS itself, runs middleware, and guarantees the reply it returns never throws —
/// handler errors are rendered by the application's `ErrorRenderer` innermost, so middleware sees them.
public struct RouterResponder: Sendable {
    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: (name: String, node: Int)?
        var handlers: [HTTPMethod: Router.Handler] = [:]
        var template: String?
    }

    /// The outcome of matching a method and path, before any handler runs.
    public enum Match: Sendable {
        case found(route: String, parameters: [String: String], handler: Router.Handler)
        case options(route: String, allow: [HTTPMethod])
        case methodNotAllowed(route: String, allow: [HTTPMethod])
        case notFound
        case badPath
    }

    private let nodes: [Node]
    /// Paths without parameters, looked up whole before walking the tree (the common case is cheap).
    private let staticPaths: [String: Int]
    /// Catch-alls, longest prefix first.
    private let fallbacks: [Router.Fallback]
    private let middleware: [any HTTPMiddleware]
    public let errorRenderer: ErrorRenderer

    init(routes: [Router.Route], fallbacks: [Router.Fallback] = [], middleware: [any HTTPMiddleware], errorRenderer: @escaping ErrorRenderer) {
        var nodes = [Node()]
        for route in routes {
            var current = 0
            for segment in route.pattern.segments {
                switch segment {
                case .literal(let text):
                    if let next = nodes[current].literals[text] {
                        current = next
                    } else {
                        nodes.append(Node())
                        nodes[current].literals[text] = nodes.count - 1
                        current = nodes.count - 1
                    }
                case .parameter(let name):
                    if let existing = nodes[current].parameter {
                        precondition(existing.name == name, "routes disagree on the parameter name at '\(route.pattern)'")
                        current = existing.node
                    } else {
                        nodes.append(Node())
                        nodes[current].parameter = (name, nodes.count - 1)
                        current = nodes.count - 1
                    }
                }
            }
            nodes[current].handlers[route.method] = route.handler
            nodes[current].template = route.pattern.description
        }
        self.nodes = nodes
        var staticPaths: [String: Int] = [:]
        for route in routes where !route.pattern.segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            var node = 0
            for case .literal(let text) in route.pattern.segments { node = nodes[node].literals[text] ?? node }
            staticPaths[route.pattern.description] = node
        }
        self.staticPaths = staticPaths
        self.fallbacks = fallbacks.sorted { $0.prefix.utf8.count > $1.prefix.utf8.count }
        self.middleware = middleware
        self.errorRenderer = errorRenderer
    }

    /// Matches without running anything, so the connection can refuse a request (404/405) before
    /// reading its body or sending `100 Continue`.
    public func match(_ method: HTTPMethod, path: Substring) -> Match {
        let routed = matchRoute(method, path: path)
        switch routed {
        case .notFound, .badPath, .methodNotAllowed:
            // No route takes this method on this path: a catch-all over the subtree takes it.
            guard let fallback = fallbacks.first(where: { path.hasPrefix($0.prefix) }) else { return routed }
            return .found(route: fallback.prefix + "**", parameters: [:], handler: fallback.handler)
        default:
            return routed
        }
    }

    private func matchRoute(_ method: HTTPMethod, path: Substring) -> Match {
        if let node = staticPaths[String(path)] { return resolve(method, node: node, parameters: [:]) }
        // Split on bytes: '/' is ASCII, and Character-wise splitting was a tenth of a trigger's CPU.
        let segments: [Substring] = path == "/"
            ? []
            : path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map { path[$0.startIndex..<$0.endIndex] }
        if segments.contains(where: \.isEmpty) { return .notFound }
        var parameters: [String: String] = [:]
        var badEncoding = false
        guard let node = find(segments, 0, node: 0, &parameters, &badEncoding) else {
            return badEncoding ? .badPath : .notFound
        }
        return resolve(method, node: node, parameters: parameters)
    }

    private func resolve(_ method: HTTPMethod, node: Int, parameters: [String: String]) -> Match {
        let entry = nodes[node]
        guard let template = entry.template else { return .notFound }
        if let handler = entry.handlers[method] ?? (method == .HEAD ? entry.handlers[.GET] : nil) {
            return .found(route: template, parameters: parameters, handler: handler)
        }
        let allow = allowedMethods(entry)
        if method == .OPTIONS { return .options(route: template, allow: allow) }
        return .methodNotAllowed(route: template, allow: allow)
    }

    /// Depth-first: a literal segment wins, a `{parameter}` is tried when the literal branch fails.
    private func find(_ segments: [Substring], _ position: Int, node: Int, _ parameters: inout [String: String], _ badEncoding: inout Bool) -> Int? {
        if position == segments.count { return nodes[node].template == nil ? nil : node }
        let segment = segments[position]
        if let next = nodes[node].literals[String(segment)],
           let found = find(segments, position + 1, node: next, &parameters, &badEncoding) {
            return found
        }
        guard let (name, next) = nodes[node].parameter else { return nil }
        guard let decoded = PercentDecoding.decode(segment) else {
            badEncoding = true
            return nil
        }
        parameters[name] = decoded
        if let found = find(segments, position + 1, node: next, &parameters, &badEncoding) { return found }
        // This branch failed: its binding must not leak into a match found by backtracking.
        parameters[name] = nil
        return nil
    }

    private func allowedMethods(_ node: Node) -> [HTTPMethod] {
        var methods = Set(node.handlers.keys)
        if methods.contains(.GET) { methods.insert(.HEAD) }
        methods.insert(.OPTIONS)
        return HTTPMethod.allCases.filter(methods.contains)
    }

    /// Routes `request` and returns its reply; never throws, every failure becomes a rendered response.
    public func respond(to request: HTTPRequest) -> HTTPReply {
        routed(request).reply
    }

    /// The reply plus the label metrics and logs use: the route template, or `unmatched`.
    public func routed(_ request: HTTPRequest) -> (route: String, reply: HTTPReply) {
        var request = request
        if request.target == "*" {
            // `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7): every method any route takes.
            var methods = Set(nodes.flatMap { $0.handlers.keys })
            if methods.contains(.GET) { methods.insert(.HEAD) }
            methods.insert(.OPTIONS)
            let allow = HTTPMethod.allCases.filter(methods.contains).map(\.rawValue).joined(separator: ", ")
            return ("*", .now(HTTPResponse(status: .noContent, headers: ["Allow": allow])))
        }
        switch match(request.method, path: request.path) {
        case .found(let route, let parameters, let handler):
            request.route = route
            request.pathParameters = parameters
            return (route, runMiddleware(request, index: 0, handler: handler))
        case .options(let route, let allow):
            var headers = HTTPHeaders()
            headers.add("Allow", allow.map(\.rawValue).joined(separator: ", "))
            return (route, .now(HTTPResponse(status: .noContent, headers: headers)))
        case .methodNotAllowed(let route, let allow):
            request.route = route
            let allowValue = allow.map(\.rawValue).joined(separator: ", ")
            let error = HTTPError(.methodNotAllowed, detail: "\(request.method) is not allowed on \(route); allowed: \(allowValue).", headers: ["Allow": allowValue])
            return (route, .now(errorRenderer(error, request)))
        case .notFound:
            return ("unmatched", .now(errorRenderer(HTTPError(.notFound, detail: "No resource at this path."), request)))
        case .badPath:
            return ("unmatched", .now(errorRenderer(HTTPError(.badRequest, detail: "The path contains invalid percent-encoding."), request)))
        }
    }

    private func runMiddleware(_ request: HTTPRequest, index: Int, handler: @escaping Router.Handler) -> HTTPReply {
        guard index < middleware.count else { return invoke(handler, request) }
        return middleware[index].handle(request) { next in runMiddleware(next, index: index + 1, handler: handler) }
    }

    private func invoke(_ handler: Router.Handler, _ request: HTTPRequest) -> HTTPReply {
        let renderer = errorRenderer
        do {
            switch try handler(request) {
            case .now(let response):
                return .now(response)
            case .later(let work):
                return .later {
                    do { return try await work() } catch { return renderer(error, request) }
                }
            }
        } catch {
            return .now(renderer(error, request))
        }
    }

    static func asyncHandler(_ respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) -> Router.Handler {
        { request in .later { try await respond(request) } }
    }
}
