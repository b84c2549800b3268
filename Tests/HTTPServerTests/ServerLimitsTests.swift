import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Deadlines, the connection cap and slow clients: nothing a peer does can hold the server hostage.
@Suite struct ServerLimitsTests {
    @Test func slowloris_200HalfOpenConnections_normalClientStillServed() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            var idle: [RawHTTPClient] = []
            for i in 0..<200 {
                let client = try RawHTTPClient(port: port)
                // Half a request line, never finished.
                try await client.send("GET /hello?n=\(i) HTT")
                idle.append(client)
            }
            #expect(await eventually { server.openConnections >= 200 })
            let started = ContinuousClock.now
            for _ in 0..<20 {
                let client = try RawHTTPClient(port: port, timeout: 2)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().status == 200)
            }
            #expect(ContinuousClock.now - started < .seconds(2))
            withExtendedLifetime(idle) {}
        }
    }

    @Test func headerReadTimeout_partialHead_answered408AndClosed() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.headerReadTimeout = .milliseconds(500) }) { port, _ in
            let client = try RawHTTPClient(port: port, timeout: 3)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 408)
            #expect(await client.isClosedByServer())
        }
    }

    @Test func bodyReadTimeout_stalledBody_answered408() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.bodyReadTimeout = .milliseconds(500) }) { port, _ in
            let client = try RawHTTPClient(port: port, timeout: 3)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try await client.readResponse().status == 408)
        }
    }

    @Test func idleTimeout_keepAliveConnection_closedQuietly() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.idleTimeout = .milliseconds(400) }) { port, server in
            let client = try RawHTTPClient(port: port, timeout: 3)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            #expect(await client.isClosedByServer())
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test func connectionCap_extraConnection_gets503AndClose() async throws {
        try await withTestServer(router: ServerTestRoutes.router(), configure: { $0.maxConnections = 3 }) { port, server in
            var held: [RawHTTPClient] = []
            for _ in 0..<3 {
                let client = try RawHTTPClient(port: port)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try await client.readResponse()
                held.append(client)
            }
            let extra = try RawHTTPClient(port: port)
            let refused = try await extra.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(await extra.isClosedByServer())
            // The held ones keep working, and the count never drifts past the cap.
            try await held[0].send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await held[0].readResponse().status == 200)
            #expect(server.openConnections == 3)
        }
    }

    @Test func clientStopsMidBody_connectionReleased() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            do {
                let client = try RawHTTPClient(port: port)
                try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\npartial")
                #expect(await eventually { server.openConnections == 1 })
            }
            #expect(await eventually { server.openConnections == 0 })
        }
    }

    @Test func slowReader_largeAnswersPipelined_pausesThenDeliversAll() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port, timeout: 10)
            // 150 × 64 KiB answers far exceed the socket buffers: the server must pause, then resume as we read.
            try await client.send(String(repeating: "GET /big HTTP/1.1\r\nHost: t\r\n\r\n", count: 150))
            try await Task.sleep(for: .milliseconds(300))
            for _ in 0..<150 {
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.body.count == 64 * 1024)
            }
        }
    }

    @Test func slowReader_pipelineFlood_outputStaysBounded() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let client = try RawHTTPClient(port: port, timeout: 10)
            // 5,000 pipelined requests without reading: the server must stop reading rather than buffer every answer.
            let request = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
            let batch = String(repeating: request, count: 5000)
            try await client.send(batch)
            var answered = 0
            while answered < 5000 {
                let response = try await client.readResponse()
                #expect(response.status == 200)
                answered += 1
            }
            #expect(answered == 5000)
            #expect(server.openConnections == 1)
        }
    }
}

extension ServerLimitsTests {
    @Test func randomBytes_neverCrash_connectionsAllReleased() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            var generator = SystemRandomNumberGenerator()
            for round in 0..<50 {
                let client = try RawHTTPClient(port: port, timeout: 2)
                let length = Int.random(in: 1...4096, using: &generator)
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                // Half the rounds start like a request, so the garbage reaches the header and body paths.
                if round.isMultiple(of: 2) { bytes = Array("POST /echo HTTP/1.1\r\nHost: t\r\n".utf8) + bytes }
                try? await client.send(bytes)
                client.shutdownWrite()
                _ = await client.readAll()
            }
            #expect(await eventually { server.openConnections == 0 })
            let healthy = try RawHTTPClient(port: port)
            try await healthy.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await healthy.readResponse().status == 200)
        }
    }
}
