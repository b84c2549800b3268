import Foundation
import Testing
@testable import Gateway
import HTTPServer
import Observability
import Storage
import TestSupport

/// A gateway on an ephemeral loopback port with its built-in emulator and its own data folder,
/// stopped and removed after `body`. Requests go over real HTTP, like a client's.
struct GatewayHarness {
    let port: Int
    let emulatorPort: Int
    let app: GatewayApplication
    let dataDirectory: String

    /// Starts a gateway with `environment` on top of a fresh data folder; `prepare` may seed the store
    /// before the gateway starts (e.g. a run an earlier process left `Submitting`).
    static func with(
        environment: [String: String] = [:], prepare: ((String) async throws -> Void)? = nil, _ body: (GatewayHarness) async throws -> Void
    ) async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        try await prepare?(dataDirectory)
        var variables = environment
        variables["GATEWAY_DATA_DIR"] = dataDirectory
        var configuration = try GatewayConfiguration.load(environment: variables, flags: ["listen": "127.0.0.1:0"])
        configuration.logLevel = .warning
        var server = HTTPServerConfiguration(address: configuration.listen, eventLoops: 1)
        server.shutdownGracePeriod = .seconds(2)
        let app = try GatewayApplication(configuration: configuration, logger: Logger(sink: InMemoryLogSink()), serverConfiguration: server)
        let port = try app.start().port
        let emulatorURL = try #require(app.backend.emulatorBaseURL)
        let emulatorPort = try #require(Int(emulatorURL.split(separator: ":").last ?? ""))
        do {
            try await body(GatewayHarness(port: port, emulatorPort: emulatorPort, app: app, dataDirectory: dataDirectory))
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
    }

    func request(
        _ method: String, _ target: String, body: String? = nil, headers: [String: String] = [:], toEmulator: Bool = false
    ) async throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: toEmulator ? emulatorPort : port, timeout: 40)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: t\r\n"
        var fields = headers
        if let body {
            if fields["Content-Type"] == nil { fields["Content-Type"] = "application/json" }
            fields["Content-Length"] = String(body.utf8.count)
        }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        try await client.send(head + "\r\n" + (body ?? ""))
        return try await client.readResponse()
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> RawHTTPResponse {
        try await request("GET", target, headers: headers)
    }

    func post(_ target: String, _ body: String = "", headers: [String: String] = [:]) async throws -> RawHTTPResponse {
        try await request("POST", target, body: body, headers: headers)
    }

    // MARK: The emulator's admin API

    /// Calls the emulator received for `operation` (e.g. `submit`), oldest first.
    func emulatorCalls(_ operation: String) async throws -> [[String: Any]] {
        let response = try await request("GET", "/emulator/calls", toEmulator: true)
        let items = response.json?["items"] as? [[String: Any]] ?? []
        return items.filter { $0["operation"] as? String == operation }
    }

    func injectFault(_ json: String) async throws {
        let response = try await request("POST", "/emulator/faults", body: json, toEmulator: true)
        #expect(response.status == 201, "fault not accepted: \(response.bodyText)")
    }

    func setEmulatorRunStatus(_ azureRunID: String, _ status: String) async throws {
        let response = try await request("POST", "/emulator/runs/\(azureRunID)/status", body: #"{"status":"\#(status)"}"#, toEmulator: true)
        #expect(response.status == 200, "status not set: \(response.bodyText)")
    }

    /// Publishes a pipeline in the emulator; returns its id.
    func publish(_ json: String) async throws -> String {
        let response = try await request("POST", "/emulator/pipelines", body: json, toEmulator: true)
        #expect(response.status == 201, "publish failed: \(response.bodyText)")
        return try #require(response.json?["Id"] as? String)
    }
}

/// Bodies and ids the trigger tests share.
enum TriggerFixture {
    static let demoPipelineID = "d3e0a1b2-0000-4000-8000-000000000001"
    static let logicAppBody = """
        {"ExperimentName": "MyRestPipeline",
         "ParameterAssignments": {"input_string": "sample_string3"},
         "DataPathAssignments": {"input_datapath": {"DataStoreName": "workspaceblobstore", "RelativePath": "input/data.csv"}},
         "RunSource": "SDK"}
        """
    static var v1Path: String { "/v1/pipelines/\(demoPipelineID)/runs" }
    static var azurePath: String {
        "/pipelines/v1.0/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulated-rg/providers/"
            + "Microsoft.MachineLearningServices/workspaces/emulated-ws/PipelineRuns/PipelineSubmit/\(demoPipelineID)"
    }
}
