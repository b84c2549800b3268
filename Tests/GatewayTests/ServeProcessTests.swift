import Foundation
import Testing
import TestSupport

/// `pipeline-gateway serve` as a real process: start-up, refusal on bad configuration, and the
/// SIGTERM drain (the request in flight is answered, then the process exits 0).
@Suite(.serialized) struct ServeProcessTests {
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PIPELINE_GATEWAY_BINARY"] { return URL(fileURLWithPath: path) }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.appendingPathComponent(".build/debug/pipeline-gateway")
    }

    /// A started process with its stderr collected, and the port it logged.
    final class Served: @unchecked Sendable {
        let process = Process()
        let stderr = Pipe()
        private let output = LockedBox<[UInt8]>([])

        init(arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = ServeProcessTests.binary
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env.merge(environment) { $1 }
            process.environment = env
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            let output = output
            stderr.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                output.mutate { $0.append(contentsOf: data) }
            }
            try process.run()
        }

        var log: String { String(decoding: output.value, as: UTF8.self) }

        /// The gateway's port, from its own `"msg":"listening"` line (the emulator logs an address too).
        func port() async -> Int? {
            _ = await eventually { log.contains("\"msg\":\"listening\"") }
            guard let line = log.split(separator: "\n").first(where: { $0.contains("\"msg\":\"listening\"") }),
                  let range = line.range(of: #""address":"127.0.0.1:(\d+)""#, options: .regularExpression) else { return nil }
            return Int(line[range].split(separator: ":").last?.dropLast() ?? "")
        }

        func waitForExit(timeout: Duration = .seconds(10)) async -> Int32? {
            guard await eventually(timeout: timeout, { !process.isRunning }) else {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }
    }

    @Test func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build first: swift build --build-tests")
    }

    @Test func sigterm_requestInFlight_answeredThenExitZero() async throws {
        let served = try Served(arguments: ["serve", "--listen", "127.0.0.1:0"], environment: ["GATEWAY_DATA_DIR": NSTemporaryDirectory() + "gw-\(UUID().uuidString)"])
        let port = try #require(await served.port(), "no listening line in: \(served.log)")
        let client = try RawHTTPClient(port: port)
        // Half a request is in flight when the signal arrives.
        try await client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n")
        // Let the bytes reach the server first: a connection with nothing received is idle and closed at once.
        try await Task.sleep(for: .milliseconds(200))
        kill(served.process.processIdentifier, SIGTERM)
        #expect(await eventually { served.log.contains("shutting down") })
        // New connections are refused while the in-flight request completes.
        #expect(await eventually { (try? RawHTTPClient(port: port)) == nil })
        try await client.send("\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(await served.waitForExit() == 0)
        #expect(served.log.contains("\"msg\":\"stopped\""))
    }

    @Test func badConfiguration_refusesToStartWithReason() async throws {
        let served = try Served(arguments: ["serve", "--listen", "0.0.0.0:0"], environment: ["GATEWAY_API_KEYS": "", "GATEWAY_INSECURE_NO_AUTH": "false"])
        #expect(await served.waitForExit() == 2)
        #expect(served.log.contains("GATEWAY_API_KEYS"))
    }

    @Test func checkConfig_emulated_succeeds_badConfiguration_exitsTwo() async throws {
        let good = try Served(arguments: ["check-config"], environment: ["GATEWAY_DATA_DIR": NSTemporaryDirectory() + "gw-\(UUID().uuidString)"])
        #expect(await good.waitForExit(timeout: .seconds(20)) == 0)
        let bad = try Served(arguments: ["check-config"], environment: ["AZUREML_WORKSPACE": "only-one"])
        #expect(await bad.waitForExit() == 2)
    }

    @Test func checkConfig_emulatedBehindAnOutboundProxy_bypassesItForLoopback() async throws {
        // A dead proxy: were loopback sent through it, the emulator could not be reached.
        let served = try Served(arguments: ["check-config"], environment: [
            "http_proxy": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
            "GATEWAY_DATA_DIR": NSTemporaryDirectory() + "gw-\(UUID().uuidString)",
        ])
        #expect(await served.waitForExit(timeout: .seconds(30)) == 0)
    }

    @Test func checkConfig_unreachableWorkspace_exitsOne() async throws {
        let served = try Served(arguments: ["check-config"], environment: [
            "AZUREML_SUBSCRIPTION_ID": "s", "AZUREML_RESOURCE_GROUP": "g", "AZUREML_WORKSPACE": "w",
            "AZUREML_ENDPOINT": "http://127.0.0.1:9", "AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c",
            "AZURE_CLIENT_SECRET": "secret-value-123", "AZURE_AUTHORITY_HOST": "http://127.0.0.1:9",
        ])
        #expect(await served.waitForExit(timeout: .seconds(60)) == 1)
    }

    @Test func version_printsAndExitsZero() async throws {
        let served = try Served(arguments: ["version"])
        #expect(await served.waitForExit() == 0)
    }

    @Test func unknownCommand_exitsTwoWithUsage() async throws {
        let served = try Served(arguments: ["frobnicate"])
        #expect(await served.waitForExit() == 2)
        #expect(served.log.contains("unknown command 'frobnicate'"))
    }
}
