import AzureML
import Foundation
import HTTPServer
import Testing
import TestSupport

/// The SDK facade's pass-through: a caller's request reaches the configured pipelines service as
/// sent (minus hop-by-hop fields), and the answer comes back as Azure gave it.
@Suite struct PipelinesPassThroughTests {
    static func upstream(_ recorder: RequestRecorder) -> Router {
        var router = Router()
        router.fallback(prefix: "/pipelines/", handler: { request in
            recorder.record(request)
            var headers = HTTPHeaders([("X-Upstream", "yes"), ("Keep-Alive", "timeout=5"), ("Content-Type", "application/json")])
            headers.add("Upgrade", "h2c")
            return .now(HTTPResponse(status: HTTPStatus(code: 409), headers: headers, body: Array(#"{"Error":{"Code":"Conflict","Message":"m"}}"#.utf8)))
        })
        return router
    }

    @Test func methodPathQueryBodyAndEndToEndHeadersArriveUnchanged_hopByHopDoNot() async throws {
        let recorder = RequestRecorder()
        try await withTestServer(router: Self.upstream(recorder)) { port, _ in
            let passThrough = PipelinesPassThrough(baseURL: URL(string: "http://127.0.0.1:\(port)/")!, transport: HTTPTransport())
            let answer = try await passThrough.forward(
                method: "PUT", pathAndQuery: "/pipelines/v1.0/x/Pipelines/a%20b/status?activeOnly=false&x=%2F",
                headers: [
                    ("Authorization", "Bearer caller-token"), ("BatchSize", "100"), ("Content-Type", "application/json-patch+json; charset=utf-8"),
                    ("Connection", "keep-alive, X-Per-Hop"), ("X-Per-Hop", "1"), ("Keep-Alive", "timeout=5"), ("TE", "trailers"),
                    ("Proxy-Authorization", "Basic c2VjcmV0"), ("Upgrade", "h2c"), ("Host", "elsewhere.example"),
                    ("x-ms-client-request-id", "caller-request-id"),
                ],
                body: Array(#""Disabled""#.utf8))
            #expect(answer.status == 409)
            #expect(answer.header("X-Upstream") == "yes")
            #expect(String(decoding: answer.body, as: UTF8.self).contains("Conflict"))
            let seen = try #require(recorder.all.first)
            #expect(seen.method == .PUT)
            #expect(seen.target == "/pipelines/v1.0/x/Pipelines/a%20b/status?activeOnly=false&x=%2F")
            #expect(seen.body == Array(#""Disabled""#.utf8))
            #expect(seen.headers["Authorization"] == "Bearer caller-token")
            #expect(seen.headers["BatchSize"] == "100")
            #expect(seen.headers["Content-Type"] == "application/json-patch+json; charset=utf-8")
            #expect(seen.headers["x-ms-client-request-id"] == "caller-request-id")
            // The target is the configured host, whatever the caller's Host said.
            #expect(seen.headers["Host"] == "127.0.0.1:\(port)")
            for hop in ["X-Per-Hop", "Keep-Alive", "TE", "Proxy-Authorization", "Upgrade"] {
                #expect(seen.headers[hop] == nil, "\(hop) was passed on")
            }
        }
    }

    @Test func aPathOutsideThePipelinesServiceIsNeverSent() async throws {
        let recorder = RequestRecorder()
        try await withTestServer(router: Self.upstream(recorder)) { port, _ in
            let passThrough = PipelinesPassThrough(baseURL: URL(string: "http://127.0.0.1:\(port)")!, transport: HTTPTransport())
            for target in ["/history/v1.0/x", "//evil.example/pipelines/v1.0/x", "http://evil.example/pipelines/v1.0/x"] {
                await #expect(throws: TransportFailure.self) {
                    _ = try await passThrough.forward(method: "GET", pathAndQuery: target, headers: [("Authorization", "Bearer t")], body: [])
                }
            }
            #expect(recorder.count == 0)
        }
    }

    @Test func endToEndDropsTheFieldsConnectionNames() {
        let kept = PipelinesPassThrough.endToEnd([("Connection", "close, X-A"), ("x-a", "1"), ("X-B", "2"), ("Transfer-Encoding", "chunked")])
        #expect(kept.map(\.name) == ["X-B"])
    }
}
