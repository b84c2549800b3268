import Foundation
import Testing
@testable import Gateway
import HTTPServer
import Observability
import TestSupport

@Suite struct APIKeyRingTests {
    @Test func parse_validKeys() {
        let (ring, problems) = APIKeyRing.parse("ops:admin:secret-one, ci:operator:secret:with:colons,dash:reader:12345678", setting: "K")
        #expect(problems.isEmpty)
        #expect(ring.keys.map(\.name) == ["ops", "ci", "dash"])
        #expect(ring.keys.map(\.role) == [.admin, .operator, .reader])
        #expect(ring.key(matching: "secret:with:colons")?.name == "ci")
        #expect(ring.key(matching: "secret-on") == nil)
        #expect(ring.key(matching: "secret-one2") == nil)
    }

    @Test(arguments: [
        ("ops:admin", "entry 1 must be name:role:secret"),
        ("ops:root:secret-long", "use admin, operator or reader"),
        ("a:admin:secret-long,a:reader:other-secret", "used twice"),
        ("a:admin:short", "shorter than 8"),
        (":admin:secret-long", "entry 1 must be name:role:secret"),
    ])
    func parse_problemsNameTheEntryButNeverTheSecret(text: String, message: String) {
        let (_, problems) = APIKeyRing.parse(text, setting: "GATEWAY_API_KEYS")
        #expect(problems.contains { $0.message.contains(message) && $0.setting == "GATEWAY_API_KEYS" })
        #expect(!problems.contains { $0.message.contains("secret-long") || $0.message.contains("short") && !$0.message.contains("shorter") })
    }

    @Test func constantTimeEquals_comparesWholeValues() {
        #expect(APIKeyRing.constantTimeEquals(Array("abc".utf8), Array("abc".utf8)))
        #expect(!APIKeyRing.constantTimeEquals(Array("abc".utf8), Array("abd".utf8)))
        #expect(!APIKeyRing.constantTimeEquals(Array("abc".utf8), Array("abc\u{0}".utf8)))
        #expect(!APIKeyRing.constantTimeEquals([], Array("a".utf8)))
    }

    @Test func requiredRole_byMethodAndRoute() {
        #expect(AuthMiddleware.requiredRole(method: .GET, route: "/v1/pipelines") == .reader)
        #expect(AuthMiddleware.requiredRole(method: .POST, route: "/v1/pipelines/{pipeline_id}/runs") == .operator)
        #expect(AuthMiddleware.requiredRole(method: .POST, route: "/v1/pipelines/{pipeline_id}/disable") == .admin)
        #expect(AuthMiddleware.requiredRole(method: .DELETE, route: "/v1/schedules/{id}") == .admin)
    }
}

@Suite(.serialized) struct AuthEndToEndTests {
    static let keys = "ops:admin:admin-secret-1,ci:operator:operator-secret-1,dash:reader:reader-secret-1"

    func withGateway(_ body: (Int) async throws -> Void) async throws {
        let configuration = try GatewayConfiguration.load(
            environment: ["GATEWAY_API_KEYS": Self.keys, "GATEWAY_DATA_DIR": NSTemporaryDirectory() + "gw-\(UUID().uuidString)",
                          "GATEWAY_LOG_LEVEL": "error"],
            flags: ["listen": "127.0.0.1:0"])
        var server = HTTPServerConfiguration(address: configuration.listen, eventLoops: 1)
        server.shutdownGracePeriod = .seconds(2)
        let app = try GatewayApplication(configuration: configuration, logger: Logger(sink: InMemoryLogSink()), serverConfiguration: server)
        let port = try app.start().port
        do { try await body(port) } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
    }

    func call(_ port: Int, _ method: String, _ target: String, _ headers: String = "") async throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: port, timeout: 20)
        try await client.send("\(method) \(target) HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\(headers)\r\n")
        return try await client.readResponse()
    }

    @Test func missingOrUnknownKey_401WithChallenge_openPathsStayOpen() async throws {
        try await withGateway { port in
            let missing = try await call(port, "GET", "/v1/pipelines")
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            #expect(missing.header("Content-Type") == "application/problem+json")
            let unknown = try await call(port, "GET", "/v1/pipelines", "Authorization: Bearer nope-nope-nope\r\n")
            #expect(unknown.status == 401)
            #expect(!unknown.bodyText.contains("nope-nope-nope"))
            let basic = try await call(port, "GET", "/v1/pipelines", "Authorization: Basic cmVhZGVyLXNlY3JldC0x\r\n")
            #expect(basic.status == 401)
            #expect(try await call(port, "GET", "/healthz").status == 200)
            #expect(try await call(port, "GET", "/metrics").status == 200)
        }
    }

    @Test func roles_readerReads_adminToggles() async throws {
        try await withGateway { port in
            #expect(try await call(port, "GET", "/v1/pipelines", "Authorization: Bearer reader-secret-1\r\n").status == 200)
            #expect(try await call(port, "GET", "/v1/pipelines", "api-key: reader-secret-1\r\n").status == 200)
            let path = "/v1/pipelines/d3e0a1b2-0000-4000-8000-000000000001/disable"
            let denied = try await call(port, "POST", path, "Authorization: Bearer reader-secret-1\r\n")
            #expect(denied.status == 403)
            #expect((denied.json?["detail"] as? String)?.contains("'dash'") == true)
            #expect(try await call(port, "POST", path, "Authorization: Bearer operator-secret-1\r\n").status == 403)
            #expect(try await call(port, "POST", path, "Authorization: Bearer admin-secret-1\r\n").status == 200)
            let enable = "/v1/pipelines/d3e0a1b2-0000-4000-8000-000000000001/enable"
            #expect(try await call(port, "POST", enable, "Authorization: Bearer admin-secret-1\r\n").status == 200)
        }
    }
}
