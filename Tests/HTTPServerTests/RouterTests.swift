import Foundation
@testable import HTTPServer
import Synchronization
import Testing

@Suite("Router and RouterResponder")
struct RouterTests {
    // MARK: - Fixtures

    /// An error whose text must never reach a client.
    struct SecretError: Error, CustomStringConvertible {
        var description: String { "SecretError: password=hunter2 at db.internal:5432" }
    }

    final class CallCounter: Sendable {
        private let count = Atomic<Int>(0)
        func increment() { _ = count.wrappingAdd(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    /// `name METHOD k=v&k=v`, so a row can tell which handler ran, for which method, with which parameters.
    static func echo(_ name: String) -> @Sendable (HTTPRequest) throws -> HTTPResponse {
        { request in
            let parameters = request.pathParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            var response = HTTPResponse.text(.ok, "\(name) \(request.method) \(parameters)")
            response.headers.add("X-Handler-Route", request.route ?? "nil")
            return response
        }
    }

    static let responder: RouterResponder = {
        var router = Router()
        router.on(.GET, "/", respond: echo("root"))
        router.on(.GET, "/v1/x/{id}", respond: echo("x-get"))
        router.on(.POST, "/v1/x/{id}", respond: echo("x-post"))
        router.on(.GET, "/v1/x/special", respond: echo("special"))
        router.on(.GET, "/v1/x/{id}/runs/{run}", respond: echo("run"))
        router.on(.GET, "/a/b/c", respond: echo("abc"))
        router.on(.GET, "/a/{x}/d", respond: echo("axd"))
        router.on(.DELETE, "/only-delete", respond: echo("delete"))
        router.on(.OPTIONS, "/custom-options", respond: echo("custom-options"))
        router.on(.GET, "/replaced", respond: echo("first"))
        router.on(.GET, "/replaced", respond: echo("second"))
        router.on(.GET, "/throws-http", respond: { (_: HTTPRequest) throws -> HTTPResponse in
            throw HTTPError(.conflict, detail: "The run is already in progress.", headers: ["Retry-After": "5"])
        })
        router.on(.GET, "/throws-other", respond: { (_: HTTPRequest) throws -> HTTPResponse in throw SecretError() })
        router.on(.GET, "/later", async: { request in
            await Task.yield()
            return .text(.accepted, "later \(request.method)")
        })
        router.on(.GET, "/later-throws-http", async: { _ in
            await Task.yield()
            throw HTTPError(.serviceUnavailable, title: "Busy", detail: "Try again shortly.", headers: ["Retry-After": "7"])
        })
        router.on(.GET, "/later-throws-other", async: { _ in
            await Task.yield()
            throw SecretError()
        })
        return router.buildResponder()
    }()

    static func response(_ reply: HTTPReply) async throws -> HTTPResponse {
        switch reply {
        case .now(let response): response
        case .later(let work): try await work()
        }
    }

    static func request(_ method: HTTPMethod, _ target: String, requestID: String = "req-42") -> HTTPRequest {
        HTTPRequest(method: method, target: target, requestID: requestID)
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    /// The problem+json body as a dictionary, checking the RFC 9457 members are there.
    static func problem(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(response.headers["Content-Type"] == "application/problem+json", sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(response.body))
        let problem = try #require(object as? [String: Any], sourceLocation: sourceLocation)
        #expect(problem["type"] as? String == "about:blank", sourceLocation: sourceLocation)
        #expect((problem["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(problem["status"] as? Int == response.status.code, sourceLocation: sourceLocation)
        #expect((problem["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        return problem
    }

    // MARK: - Matching

    struct RouteRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var method: HTTPMethod
        var target: String
        var status: Int
        /// The label `routed(_:)` returns.
        var route: String
        /// For handler answers, the echo body; nil for the router's own answers.
        var body: String?
        var allow: String?
        var testDescription: String { comment }
    }

    static let routeRows: [RouteRow] = [
        RouteRow(comment: "root", method: .GET, target: "/", status: 200, route: "/", body: "root GET "),
        RouteRow(comment: "literal route", method: .GET, target: "/only-delete", status: 405, route: "/only-delete", allow: "DELETE, OPTIONS"),
        RouteRow(comment: "parameter extracted", method: .GET, target: "/v1/x/123", status: 200, route: "/v1/x/{id}", body: "x-get GET id=123"),
        RouteRow(comment: "parameter percent-decoded", method: .GET, target: "/v1/x/a%20b", status: 200, route: "/v1/x/{id}", body: "x-get GET id=a b"),
        RouteRow(comment: "parameter with UTF-8 escapes", method: .GET, target: "/v1/x/caf%C3%A9", status: 200, route: "/v1/x/{id}", body: "x-get GET id=café"),
        RouteRow(comment: "encoded slash stays inside one parameter", method: .GET, target: "/v1/x/a%2Fb", status: 200, route: "/v1/x/{id}", body: "x-get GET id=a/b"),
        RouteRow(comment: "plus is not a space in a path", method: .GET, target: "/v1/x/a+b", status: 200, route: "/v1/x/{id}", body: "x-get GET id=a+b"),
        RouteRow(comment: "two parameters", method: .GET, target: "/v1/x/1/runs/r%2D2", status: 200, route: "/v1/x/{id}/runs/{run}", body: "run GET id=1&run=r-2"),
        RouteRow(comment: "query ignored for matching", method: .GET, target: "/v1/x/7?limit=5&bad=%ZZ", status: 200, route: "/v1/x/{id}", body: "x-get GET id=7"),
        RouteRow(comment: "literal beats parameter", method: .GET, target: "/v1/x/special", status: 200, route: "/v1/x/special", body: "special GET "),
        RouteRow(comment: "literal with query", method: .GET, target: "/v1/x/special?x=1", status: 200, route: "/v1/x/special", body: "special GET "),
        RouteRow(comment: "method on the parameter route", method: .POST, target: "/v1/x/9", status: 200, route: "/v1/x/{id}", body: "x-post POST id=9"),
        RouteRow(comment: "literal branch taken to the end", method: .GET, target: "/a/b/c", status: 200, route: "/a/b/c", body: "abc GET "),
        RouteRow(comment: "backtrack when the literal branch dead-ends", method: .GET, target: "/a/b/d", status: 200, route: "/a/{x}/d", body: "axd GET x=b"),
        RouteRow(comment: "parameter branch without a literal sibling", method: .GET, target: "/a/zz/d", status: 200, route: "/a/{x}/d", body: "axd GET x=zz"),
        RouteRow(comment: "re-registration replaces the handler", method: .GET, target: "/replaced", status: 200, route: "/replaced", body: "second GET "),
        // 404
        RouteRow(comment: "unknown path", method: .GET, target: "/nope", status: 404, route: "unmatched"),
        RouteRow(comment: "prefix of a route", method: .GET, target: "/v1/x", status: 404, route: "unmatched"),
        RouteRow(comment: "longer than any route", method: .GET, target: "/v1/x/1/extra", status: 404, route: "unmatched"),
        RouteRow(comment: "dead end on both branches", method: .GET, target: "/a/b/e", status: 404, route: "unmatched"),
        RouteRow(comment: "trailing slash on a parameter route", method: .GET, target: "/v1/x/123/", status: 404, route: "unmatched"),
        RouteRow(comment: "trailing slash on a literal route", method: .GET, target: "/v1/x/special/", status: 404, route: "unmatched"),
        RouteRow(comment: "double slash inside", method: .GET, target: "/v1//x/1", status: 404, route: "unmatched"),
        RouteRow(comment: "double slash alone", method: .GET, target: "//", status: 404, route: "unmatched"),
        RouteRow(comment: "percent-encoded literal does not match the literal", method: .GET, target: "/%61/b/c", status: 404, route: "unmatched"),
        RouteRow(comment: "unknown path with OPTIONS", method: .OPTIONS, target: "/nope", status: 404, route: "unmatched"),
        // 405 and Allow
        RouteRow(comment: "405 lists GET, HEAD, POST and OPTIONS", method: .DELETE, target: "/v1/x/1", status: 405, route: "/v1/x/{id}", allow: "GET, HEAD, POST, OPTIONS"),
        RouteRow(comment: "405 without GET lists no HEAD", method: .HEAD, target: "/only-delete", status: 405, route: "/only-delete", allow: "DELETE, OPTIONS"),
        RouteRow(comment: "405 on a literal route", method: .PUT, target: "/a/b/c", status: 405, route: "/a/b/c", allow: "GET, HEAD, OPTIONS"),
        // HEAD and OPTIONS
        RouteRow(comment: "HEAD falls back to the GET handler", method: .HEAD, target: "/v1/x/9", status: 200, route: "/v1/x/{id}", body: "x-get HEAD id=9"),
        RouteRow(comment: "HEAD on a literal route", method: .HEAD, target: "/v1/x/special", status: 200, route: "/v1/x/special", body: "special HEAD "),
        RouteRow(comment: "automatic OPTIONS", method: .OPTIONS, target: "/v1/x/1", status: 204, route: "/v1/x/{id}", body: "", allow: "GET, HEAD, POST, OPTIONS"),
        RouteRow(comment: "automatic OPTIONS without GET", method: .OPTIONS, target: "/only-delete", status: 204, route: "/only-delete", body: "", allow: "DELETE, OPTIONS"),
        RouteRow(comment: "registered OPTIONS handler wins", method: .OPTIONS, target: "/custom-options", status: 200, route: "/custom-options", body: "custom-options OPTIONS "),
        // 400
        RouteRow(comment: "invalid escape in a parameter", method: .GET, target: "/v1/x/%ZZ", status: 400, route: "unmatched"),
        RouteRow(comment: "truncated escape in a parameter", method: .GET, target: "/v1/x/abc%2", status: 400, route: "unmatched"),
        RouteRow(comment: "escape giving invalid UTF-8", method: .GET, target: "/v1/x/%C3", status: 400, route: "unmatched"),
        RouteRow(comment: "escape giving invalid UTF-8 on the deeper route", method: .GET, target: "/v1/x/%FF/runs/1", status: 400, route: "unmatched"),
    ]

    @Test(arguments: routeRows)
    func routedRequest_methodAndPath_giveStatusRouteAndBody(_ row: RouteRow) async throws {
        let (route, reply) = Self.responder.routed(Self.request(row.method, row.target))
        let response = try await Self.response(reply)
        #expect(response.status.code == row.status)
        #expect(route == row.route)
        #expect(response.headers["Allow"] == row.allow)
        if let body = row.body {
            #expect(Self.text(response) == body)
            if row.status == 200 {
                #expect(response.headers["X-Handler-Route"] == row.route)
            }
        } else {
            _ = try Self.problem(response)
        }
    }

    @Test(arguments: routeRows)
    func match_withoutRunning_agreesWithRouted(_ row: RouteRow) {
        let request = Self.request(row.method, row.target)
        switch Self.responder.match(row.method, path: request.path) {
        case .found(let route, _, _):
            #expect(route == row.route)
            #expect(row.body != nil && row.status != 204)
        case .options(let route, let allow):
            #expect(route == row.route)
            #expect(row.status == 204)
            #expect(allow.map(\.rawValue).joined(separator: ", ") == row.allow)
        case .methodNotAllowed(let route, let allow):
            #expect(route == row.route)
            #expect(row.status == 405)
            #expect(allow.map(\.rawValue).joined(separator: ", ") == row.allow)
        case .notFound:
            #expect(row.status == 404)
        case .badPath:
            #expect(row.status == 400)
        }
    }

    @Test
    func respond_isTheReplyOfRouted() async throws {
        let response = try await Self.response(Self.responder.respond(to: Self.request(.GET, "/v1/x/5")))
        #expect(Self.text(response) == "x-get GET id=5")
    }

    @Test
    func pathParameters_afterBacktracking_holdOnlyTheMatchedRoutesNames() async throws {
        var router = Router()
        router.on(.GET, "/k/{r}/y", respond: Self.echo("k"))
        router.on(.GET, "/{p}/{q}/z", respond: Self.echo("pq"))
        let (route, reply) = router.buildResponder().routed(Self.request(.GET, "/k/v/z"))
        let response = try await Self.response(reply)
        #expect(route == "/{p}/{q}/z")
        #expect(Self.text(response) == "pq GET p=k&q=v")
    }

    @Test
    func emptyRouter_everyPath_is404() async throws {
        let responder = Router().buildResponder()
        for target in ["/", "/a", "/a/b"] {
            let (route, reply) = responder.routed(Self.request(.GET, target))
            #expect(try await Self.response(reply).status.code == 404, "\(target)")
            #expect(route == "unmatched")
        }
    }

    // MARK: - Router answers as problem+json

    struct ProblemRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var method: HTTPMethod
        var target: String
        var status: Int
        var title: String
        /// Exact detail, or nil to only require one.
        var detail: String?
        var headers: [String: String]
        var testDescription: String { comment }
    }

    static let problemRows: [ProblemRow] = [
        ProblemRow(comment: "404", method: .GET, target: "/nope", status: 404, title: "Not Found", detail: "No resource at this path.", headers: [:]),
        ProblemRow(comment: "405 carries Allow", method: .PATCH, target: "/v1/x/1", status: 405, title: "Method Not Allowed", detail: nil, headers: ["Allow": "GET, HEAD, POST, OPTIONS"]),
        ProblemRow(comment: "400 bad escape", method: .GET, target: "/v1/x/%G1", status: 400, title: "Bad Request", detail: "The path contains invalid percent-encoding.", headers: [:]),
        ProblemRow(comment: "thrown HTTPError keeps status, detail and headers", method: .GET, target: "/throws-http", status: 409, title: "Conflict", detail: "The run is already in progress.", headers: ["Retry-After": "5"]),
        ProblemRow(comment: "async thrown HTTPError keeps title, status, detail and headers", method: .GET, target: "/later-throws-http", status: 503, title: "Busy", detail: "Try again shortly.", headers: ["Retry-After": "7"]),
        ProblemRow(comment: "HEAD to a throwing GET handler renders the error", method: .HEAD, target: "/throws-http", status: 409, title: "Conflict", detail: "The run is already in progress.", headers: ["Retry-After": "5"]),
        ProblemRow(
            comment: "thrown non-HTTPError is a generic 500", method: .GET, target: "/throws-other", status: 500, title: "Internal Server Error",
            detail: "The server failed to answer this request; quote the request id when reporting it.", headers: [:]
        ),
        ProblemRow(
            comment: "async thrown non-HTTPError is a generic 500", method: .GET, target: "/later-throws-other", status: 500, title: "Internal Server Error",
            detail: "The server failed to answer this request; quote the request id when reporting it.", headers: [:]
        ),
    ]

    @Test(arguments: problemRows)
    func routerAndHandlerErrors_renderedByDefault_areProblemJSON(_ row: ProblemRow) async throws {
        let response = try await Self.response(Self.responder.respond(to: Self.request(row.method, row.target)))
        #expect(response.status.code == row.status)
        let problem = try Self.problem(response)
        #expect(problem["title"] as? String == row.title)
        if let detail = row.detail {
            #expect(problem["detail"] as? String == detail)
        }
        for (name, value) in row.headers {
            #expect(response.headers[name] == value, "\(name)")
        }
        let text = Self.text(response)
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("SecretError"))
        #expect(!text.contains("db.internal"))
    }

    @Test
    func unexpectedError_renderedAs500_namesOnlyTheRequestID() async throws {
        let response = try await Self.response(Self.responder.respond(to: Self.request(.GET, "/throws-other", requestID: "abc-123")))
        let problem = try Self.problem(response)
        #expect(problem["instance"] as? String == "urn:request:abc-123")
        #expect(Set(problem.keys) == ["type", "title", "status", "detail", "instance"])
    }

    @Test
    func asyncHandler_result_isDeliveredLater() async throws {
        let (route, reply) = Self.responder.routed(Self.request(.GET, "/later"))
        guard case .later = reply else {
            Issue.record("an async handler must answer .later")
            return
        }
        let response = try await Self.response(reply)
        #expect(route == "/later")
        #expect(response.status.code == 202)
        #expect(Self.text(response) == "later GET")
    }

    @Test
    func customErrorRenderer_isUsedForRouterRefusalsAndThrownErrors() async throws {
        var router = Router()
        router.on(.GET, "/x/{id}", respond: { (_: HTTPRequest) throws -> HTTPResponse in throw SecretError() })
        let responder = router.buildResponder { error, request in
            let status = (error as? HTTPError)?.status ?? .internalServerError
            return HTTPResponse.text(status, "custom \(status.code) \(request.route ?? "-")")
        }
        let cases: [(HTTPMethod, String, String)] = [
            (.GET, "/nope", "custom 404 -"),
            (.POST, "/x/1", "custom 405 /x/{id}"),
            (.GET, "/x/%zz", "custom 400 -"),
            (.GET, "/x/1", "custom 500 /x/{id}"),
        ]
        for (method, target, expected) in cases {
            let response = try await Self.response(responder.respond(to: Self.request(method, target)))
            #expect(Self.text(response) == expected, "\(method) \(target)")
        }
    }

    // MARK: - Middleware

    /// Adds its name to the request on the way in and to the response on the way out.
    struct Tracing: HTTPMiddleware {
        var name: String
        func handle(_ request: HTTPRequest, next: (HTTPRequest) -> HTTPReply) -> HTTPReply {
            var request = request
            request.headers.add("X-Trace", name)
            let name = name
            let seenRoute = request.route ?? "nil"
            return next(request).map { response in
                var response = response
                response.headers.add("X-Trace", name)
                response.headers.add("X-Seen-Route", seenRoute)
                return response
            }
        }
    }

    /// Answers itself, never calling `next`.
    struct Deny: HTTPMiddleware {
        func handle(_ request: HTTPRequest, next: (HTTPRequest) -> HTTPReply) -> HTTPReply {
            .now(HTTPResponse(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer"]))
        }
    }

    static func tracedRouter(_ middleware: [any HTTPMiddleware], counter: CallCounter) -> RouterResponder {
        var router = Router()
        for m in middleware { router.add(middleware: m) }
        router.on(.GET, "/t/{id}", respond: { (request: HTTPRequest) throws -> HTTPResponse in
            counter.increment()
            return .text(.ok, request.headers.values(for: "X-Trace").joined(separator: ","))
        })
        router.on(.GET, "/t-later", async: { (request: HTTPRequest) async throws -> HTTPResponse in
            counter.increment()
            await Task.yield()
            return .text(.ok, request.headers.values(for: "X-Trace").joined(separator: ",") + " later")
        })
        router.on(.GET, "/t-throws", async: { (_: HTTPRequest) async throws -> HTTPResponse in
            counter.increment()
            throw HTTPError(.badGateway, detail: "Upstream refused.")
        })
        return router.buildResponder()
    }

    struct MiddlewareRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var chain: [String]
        var target: String
        var status: Int
        var body: String?
        var responseTrace: [String]
        var handlerCalls: Int
        var testDescription: String { comment }
    }

    static let middlewareRows: [MiddlewareRow] = [
        MiddlewareRow(comment: "no middleware", chain: [], target: "/t/1", status: 200, body: "", responseTrace: [], handlerCalls: 1),
        MiddlewareRow(comment: "two middlewares wrap in registration order", chain: ["outer", "inner"], target: "/t/1", status: 200, body: "outer,inner", responseTrace: ["inner", "outer"], handlerCalls: 1),
        MiddlewareRow(comment: "middleware wraps a .later reply", chain: ["outer", "inner"], target: "/t-later", status: 200, body: "outer,inner later", responseTrace: ["inner", "outer"], handlerCalls: 1),
        MiddlewareRow(comment: "middleware sees the rendered async error", chain: ["outer", "inner"], target: "/t-throws", status: 502, body: nil, responseTrace: ["inner", "outer"], handlerCalls: 1),
        MiddlewareRow(comment: "short-circuit stops the chain and the handler", chain: ["outer", "deny", "inner"], target: "/t/1", status: 401, body: "", responseTrace: ["outer"], handlerCalls: 0),
        MiddlewareRow(comment: "short-circuit first", chain: ["deny", "outer"], target: "/t/1", status: 401, body: "", responseTrace: [], handlerCalls: 0),
        MiddlewareRow(comment: "middleware does not run for 404", chain: ["outer"], target: "/none", status: 404, body: nil, responseTrace: [], handlerCalls: 0),
    ]

    @Test(arguments: middlewareRows)
    func middleware_chain_wrapsHandlersInOrder(_ row: MiddlewareRow) async throws {
        let counter = CallCounter()
        let chain: [any HTTPMiddleware] = row.chain.map { name -> any HTTPMiddleware in name == "deny" ? Deny() : Tracing(name: name) }
        let responder = Self.tracedRouter(chain, counter: counter)
        let response = try await Self.response(responder.respond(to: Self.request(.GET, row.target)))
        #expect(response.status.code == row.status)
        #expect(response.headers.values(for: "X-Trace") == row.responseTrace)
        if let body = row.body {
            #expect(Self.text(response) == body)
        } else {
            _ = try Self.problem(response)
        }
        #expect(counter.value == row.handlerCalls)
    }

    @Test
    func middleware_onMatchedRequest_seesTheRouteTemplate() async throws {
        let counter = CallCounter()
        let response = try await Self.response(Self.tracedRouter([Tracing(name: "m")], counter: counter).respond(to: Self.request(.GET, "/t/7")))
        #expect(response.headers["X-Seen-Route"] == "/t/{id}")
    }

    // MARK: - HTTPReply.map

    struct MapRow: Sendable, CustomTestStringConvertible {
        var comment: String
        var reply: HTTPReply
        var testDescription: String { comment }
    }

    static let mapRows: [MapRow] = [
        MapRow(comment: ".now", reply: .now(HTTPResponse(status: .ok, body: [1]))),
        MapRow(comment: ".later", reply: .later { HTTPResponse(status: .ok, body: [1]) }),
        MapRow(comment: ".later after suspending", reply: .later {
            await Task.yield()
            return HTTPResponse(status: .ok, body: [1])
        }),
    ]

    @Test(arguments: mapRows)
    func replyMap_onEitherKind_transformsTheEventualResponse(_ row: MapRow) async throws {
        let mapped = row.reply
            .map { var r = $0; r.headers.add("X-Step", "1"); return r }
            .map { var r = $0; r.headers.add("X-Step", "2"); r.status = .created; return r }
        switch (row.reply, mapped) {
        case (.now, .now), (.later, .later): break
        default: Issue.record("map must keep the kind of reply")
        }
        let response = try await Self.response(mapped)
        #expect(response.headers.values(for: "X-Step") == ["1", "2"])
        #expect(response.status == .created)
        #expect(response.body == [1])
    }

    @Test
    func replyMap_onThrowingLater_propagatesTheErrorUntransformed() async {
        let counter = CallCounter()
        let mapped = HTTPReply.later { throw SecretError() }.map { response in
            counter.increment()
            return response
        }
        await #expect(throws: SecretError.self) { try await Self.response(mapped) }
        #expect(counter.value == 0)
    }
}
