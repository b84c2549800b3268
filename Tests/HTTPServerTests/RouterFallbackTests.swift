import Foundation
@testable import HTTPServer
import Testing

/// A catch-all under a path prefix (`Router.fallback`): what a reverse proxy needs, a whole subtree
/// whatever the method, while the routes registered under the same prefix still answer themselves.
@Suite("Router fallback (catch-all under a prefix)")
struct RouterFallbackTests {
    static let responder: RouterResponder = {
        var router = Router()
        router.on(.GET, "/proxy/own/{id}", respond: RouterTests.echo("own"))
        router.on(.GET, "/other", respond: RouterTests.echo("other"))
        router.fallback(prefix: "/proxy/", handler: { request in
            .now(.text(.ok, "outer \(request.method) \(request.target) route=\(request.route ?? "nil")"))
        })
        router.fallback(prefix: "/proxy/deep/", async: { request in
            await Task.yield()
            return .text(.ok, "deep \(request.method) \(request.target)")
        })
        return router.buildResponder()
    }()

    static func answer(_ method: HTTPMethod, _ target: String) async throws -> (route: String, status: Int, body: String) {
        let (route, reply) = responder.routed(HTTPRequest(method: method, target: target))
        let response = try await RouterTests.response(reply)
        return (route, response.status.code, RouterTests.text(response))
    }

    @Test func aRegisteredRouteUnderThePrefixStillAnswers() async throws {
        let result = try await Self.answer(.GET, "/proxy/own/7")
        #expect(result.route == "/proxy/own/{id}")
        #expect(result.body == "own GET id=7")
    }

    @Test func anUnroutedPathUnderThePrefixGoesToTheFallback_withTargetAndQueryIntact() async throws {
        let result = try await Self.answer(.PATCH, "/proxy/a/b%20c?x=1&y=2")
        #expect(result.route == "/proxy/**")
        #expect(result.body == "outer PATCH /proxy/a/b%20c?x=1&y=2 route=/proxy/**")
    }

    @Test func aMethodNoRouteTakesOnARoutedPathGoesToTheFallback_not405() async throws {
        let result = try await Self.answer(.DELETE, "/proxy/own/7")
        #expect(result.status == 200)
        #expect(result.body.hasPrefix("outer DELETE /proxy/own/7"))
    }

    @Test func theLongestPrefixWins_andAsyncHandlersWork() async throws {
        let result = try await Self.answer(.POST, "/proxy/deep/x")
        #expect(result.route == "/proxy/deep/**")
        #expect(result.body == "deep POST /proxy/deep/x")
    }

    @Test func pathsOutsideEveryPrefixKeepTheRoutersOwnAnswers() async throws {
        #expect(try await Self.answer(.GET, "/nope").status == 404)
        #expect(try await Self.answer(.POST, "/other").status == 405)
        // The prefix is matched as text: "/proxy" without the slash is not under "/proxy/".
        #expect(try await Self.answer(.GET, "/proxy").status == 404)
    }

    @Test func matchFindsTheFallbackBeforeTheBodyIsRead() {
        // The connection asks `match` before reading a body or sending 100 Continue; a catch-all path
        // must not be refused there.
        guard case .found(let route, _, _) = Self.responder.match(.PUT, path: "/proxy/upload") else {
            Issue.record("expected the fallback to match")
            return
        }
        #expect(route == "/proxy/**")
    }

    @Test func optionsOfARoutedPathStaysTheRouters() async throws {
        #expect(try await Self.answer(.OPTIONS, "/proxy/own/7").status == 204)
    }
}
