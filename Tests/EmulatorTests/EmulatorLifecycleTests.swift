import Emulator
import Foundation
import HTTPServer
import Observability
import Testing
import TestSupport

/// Starting, stopping, and serving the emulator's router from another server.
@Suite struct EmulatorLifecycleTests {
    @Test func baseURL_isTheBoundAddress_andStartTwiceThrows() async throws {
        try await withEmulator { h in
            #expect(h.emulator.baseURL == "http://127.0.0.1:\(h.port)")
            #expect(throws: EmulatorError.alreadyStarted) {
                try h.emulator.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
            }
            let listening = h.logSink.entries().first { $0["msg"] == "emulated Azure ML listening" }
            #expect(listening?["component"] == "emulator")
        }
    }

    @Test func shutdown_twice_isSafe_andEndsInjectedDelays() async throws {
        let emulator = AzureMLEmulator(logger: Logger(sink: InMemoryLogSink()))
        let address = try emulator.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
        let client = try RawHTTPClient(port: address.port, timeout: 10)
        let fault = #"{"operation":"list_pipelines","delay_ms":60000}"#
        try await client.send("POST /emulator/faults HTTP/1.1\r\nHost: t\r\nContent-Length: \(fault.utf8.count)\r\n\r\n\(fault)")
        #expect(try await client.readResponse().status == 201)
        let path = "/pipelines/v1.0\(AzureMLEmulator.workspaceResourcePath)/Pipelines"
        try await client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        await emulator.shutdown()
        await emulator.shutdown()
        #expect(ContinuousClock.now - start < .seconds(5), "a 60 s injected delay must not hold shutdown")
    }

    @Test func makeRouter_onAnotherServer_usesTheHostHeaderForSelfLinks() async throws {
        let emulator = AzureMLEmulator(logger: Logger(sink: InMemoryLogSink()))
        try await withTestServer(router: emulator.makeRouter()) { port, _ in
            let client = try RawHTTPClient(port: port)
            let form = "grant_type=client_credentials&client_id=a&client_secret=b&scope=x%2F.default"
            try await client.send("POST /t/oauth2/v2.0/token HTTP/1.1\r\nHost: h\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)")
            let token = try #require(try await client.readResponse().json?["access_token"] as? String)
            let path = "/pipelines/v1.0\(AzureMLEmulator.workspaceResourcePath)/Pipelines/\(AzureMLEmulator.demoPipelineID)"
            try await client.send("GET \(path) HTTP/1.1\r\nHost: aml.local:9999\r\nAuthorization: Bearer \(token)\r\n\r\n")
            let url = try #require(try await client.readResponse().json?["Url"] as? String)
            #expect(url.hasPrefix("http://aml.local:9999/pipelines/v1.0/"))
        }
    }
}

extension EmulatorLifecycleTests {
    @Test func start_onAPortInUse_throwsListenFailed_andCanRetry() async throws {
        try await withEmulator { h in
            let second = AzureMLEmulator(logger: Logger(sink: InMemoryLogSink()))
            #expect(throws: EmulatorError.self) {
                try second.start(listen: try SocketAddress(parsing: "127.0.0.1:\(h.port)"))
            }
            let address = try second.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
            #expect(address.port != h.port)
            await second.shutdown()
        }
    }
}
