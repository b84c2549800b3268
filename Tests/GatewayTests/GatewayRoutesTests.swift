import Foundation
import Testing
@testable import Gateway
import HTTPServer
import Observability
import TestSupport

/// The gateway's own routes over real loopback sockets.
@Suite struct GatewayRoutesTests {
    static func withGateway(_ body: (Int, GatewayApplication, InMemoryLogSink) async throws -> Void) async throws {
        let sink = InMemoryLogSink()
        var configuration = try GatewayConfiguration.load(
            environment: ["GATEWAY_DATA_DIR": NSTemporaryDirectory() + "gw-\(UUID().uuidString)"], flags: ["listen": "127.0.0.1:0"])
        configuration.logLevel = .debug
        var server = HTTPServerConfiguration(address: configuration.listen, eventLoops: 1)
        server.shutdownGracePeriod = .seconds(2)
        let app = try GatewayApplication(configuration: configuration, logger: Logger(sink: sink, minimumLevel: .debug), serverConfiguration: server)
        let address = try app.start()
        do {
            try await body(address.port, app, sink)
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
    }

    @Test func healthz_okBody() async throws {
        try await Self.withGateway { port, _, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            #expect(response.json?["status"] as? String == "ok")
            #expect(response.json?["version"] as? String == GatewayVersion.current)
        }
    }

    @Test func readyz_readyOnceListening_notReadyWhenACheckFails() async throws {
        try await Self.withGateway { port, app, _ in
            let client = try RawHTTPClient(port: port)
            // The Azure ML check runs in the background right after start.
            #expect(await eventually { app.readiness.snapshot["azureml"] == .ok })
            try await client.send("GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n")
            let ready = try await client.readResponse()
            #expect(ready.status == 200)
            #expect((ready.json?["checks"] as? [String: String])?["azureml"] == "ok")
            #expect((ready.json?["checks"] as? [String: String])?["listener"] == "ok")
            app.readiness.set("store", .failing("database is locked"))
            try await client.send("GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n")
            let notReady = try await client.readResponse()
            #expect(notReady.status == 503)
            #expect(notReady.header("Content-Type") == "application/problem+json")
            #expect((notReady.json?["detail"] as? String)?.contains("store: database is locked") == true)
        }
    }

    @Test func metrics_countsRequestsByRoute() async throws {
        try await Self.withGateway { port, _, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /nope/123 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            _ = try await client.readResponse()
            try await client.send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n")
            let metrics = try await client.readResponse()
            #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = metrics.bodyText
            #expect(text.contains(#"http_requests_total{route="/healthz",method="GET",status="200",protocol="HTTP/1.1"} 1"#))
            #expect(text.contains(#"http_requests_total{route="unmatched",method="GET",status="404",protocol="HTTP/1.1"} 1"#))
            #expect(text.contains("http_request_duration_seconds_bucket{route=\"/healthz\""))
            // This client's connection at least (the built-in emulator may keep one open to the
            // gateway's Event Grid endpoint too).
            let open = text.split(separator: "\n").first { $0.hasPrefix("http_open_connections ") }.flatMap { Int($0.split(separator: " ").last ?? "") }
            #expect((open ?? 0) >= 1, "\(String(describing: open))")
            #expect(!text.contains("/nope/123"))
        }
    }

    @Test func openapi_servesRepositoryFileByteForByte() async throws {
        let repoFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi.yaml")
        let expected = try [UInt8](Data(contentsOf: repoFile))
        try await Self.withGateway { port, _, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /openapi.yaml HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/yaml")
            #expect(response.body == expected)
        }
    }

    @Test func accessLog_oneJSONLinePerRequest_noQueryString() async throws {
        try await Self.withGateway { port, _, sink in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /healthz?code=SECRET HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-1\r\n\r\n")
            _ = try await client.readResponse()
            #expect(await eventually { sink.entries().contains { $0["request_id"] == "trace-1" } })
            let entry = try #require(sink.entries().first { $0["request_id"] == "trace-1" })
            #expect(entry["msg"] == "request")
            #expect(entry["method"] == "GET")
            #expect(entry["path"] == "/healthz")
            #expect(entry["status"] == "200")
            #expect(entry["bytes"] != nil && entry["duration_ms"] != nil && entry["remote"]?.hasPrefix("127.0.0.1:") == true)
            #expect(!sink.lines.joined().contains("SECRET"))
        }
    }
}
