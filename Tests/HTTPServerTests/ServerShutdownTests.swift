import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Graceful shutdown: stop accepting, finish what is in flight, close the idle, then stop.
@Suite struct ServerShutdownTests {
    @Test func shutdown_inFlightRequestFinishes_idleClosed_newRefused() async throws {
        var configuration = HTTPServerConfiguration(address: try SocketAddress(parsing: "127.0.0.1:0"), eventLoops: 2)
        configuration.shutdownGracePeriod = .seconds(5)
        let server = HTTPServer(configuration: configuration, responder: ServerTestRoutes.router().buildResponder())
        let port = try server.start().port

        let idle = try RawHTTPClient(port: port)
        try await idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try await idle.readResponse()

        let busy = try RawHTTPClient(port: port)
        try await busy.send("GET /slow?ms=600 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(await eventually { server.openConnections == 2 })

        let started = ContinuousClock.now
        async let stopping: Void = server.shutdown()
        // The idle keep-alive connection is closed at once...
        #expect(await idle.isClosedByServer())
        // ...while the in-flight one gets its answer, marked as the last on this connection.
        let response = try await busy.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText == "slow 600")
        #expect(response.header("Connection") == "close")
        await stopping
        #expect(ContinuousClock.now - started < .seconds(4))
        #expect(server.openConnections == 0)
        #expect(throws: (any Error).self) { _ = try RawHTTPClient(port: port) }
    }

    @Test func shutdown_graceExpires_connectionsForcedClosed() async throws {
        var configuration = HTTPServerConfiguration(address: try SocketAddress(parsing: "127.0.0.1:0"), eventLoops: 1)
        configuration.shutdownGracePeriod = .milliseconds(300)
        let server = HTTPServer(configuration: configuration, responder: ServerTestRoutes.router().buildResponder())
        let port = try server.start().port
        let stuck = try RawHTTPClient(port: port)
        try await stuck.send("GET /slow?ms=5000 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(await eventually { server.openConnections == 1 })
        let started = ContinuousClock.now
        await server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(server.openConnections == 0)
        #expect(await stuck.isClosedByServer())
    }
}
