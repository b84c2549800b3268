import Emulator
import Foundation
import HTTPServer
import Observability
import TestSupport

/// A started emulator on 127.0.0.1 (ephemeral port) with a test clock, and helpers that speak
/// raw HTTP to it. `withEmulator` always shuts it down.
struct EmulatorHarness: Sendable {
    let emulator: AzureMLEmulator
    let port: Int
    let clock: TestClock
    let logSink: InMemoryLogSink

    /// `{WS}` of the emulated workspace.
    static let ws = "/pipelines/v1.0/subscriptions/\(AzureMLEmulator.subscriptionID)/resourceGroups/\(AzureMLEmulator.resourceGroup)"
        + "/providers/Microsoft.MachineLearningServices/workspaces/\(AzureMLEmulator.workspaceName)"

    var ws: String { Self.ws }

    /// One request on a fresh connection; `body` is sent with a Content-Length.
    func send(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: String? = nil
    ) async throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((body ?? "").utf8)
        if body != nil || method == "POST" || method == "PUT" { head += "Content-Length: \(bytes.count)\r\n" }
        try await client.send(Array((head + "\r\n").utf8) + bytes)
        return try await client.readResponse(isHead: method == "HEAD")
    }

    /// Sends one request and reports whether the server dropped the connection without answering.
    func sendExpectingReset(_ method: String, _ target: String, headers: [(String, String)] = [], body: String? = nil) async throws -> Bool {
        let client = try RawHTTPClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((body ?? "").utf8)
        head += "Content-Length: \(bytes.count)\r\n\r\n"
        try await client.send(Array(head.utf8) + bytes)
        return await client.readAll().isEmpty
    }

    /// A token from the v2 client-secret endpoint.
    func token(client: String = "gateway-client") async throws -> String {
        let response = try await send(
            "POST", "/\(AzureMLEmulator.tenantID)/oauth2/v2.0/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "grant_type=client_credentials&client_id=\(client)&client_secret=s3cret&scope=https%3A%2F%2Fmanagement.azure.com%2F.default")
        guard let token = response.json?["access_token"] as? String else {
            throw HarnessError.unexpected("token endpoint answered \(response.status): \(response.bodyText)")
        }
        return token
    }

    /// A request to the pipelines service with a fresh valid bearer token.
    func azure(_ method: String, _ path: String, body: String? = nil, contentType: String = "application/json") async throws -> RawHTTPResponse {
        let token = try await token()
        var headers = [("Authorization", "Bearer \(token)")]
        if body != nil { headers.append(("Content-Type", contentType)) }
        return try await send(method, ws + path, headers: headers, body: body)
    }

    /// `POST /emulator/...` with a JSON body.
    func admin(_ method: String, _ path: String, body: String? = nil) async throws -> RawHTTPResponse {
        try await send(method, "/emulator" + path, headers: body == nil ? [] : [("Content-Type", "application/json")], body: body)
    }

    /// Submits the demo pipeline (or `pipelineID`) with `body`; returns the response.
    func submit(_ body: String, pipelineID: String = AzureMLEmulator.demoPipelineID) async throws -> RawHTTPResponse {
        try await azure("POST", "/PipelineRuns/PipelineSubmit/\(pipelineID)", body: body)
    }
}

enum HarnessError: Error, CustomStringConvertible {
    case unexpected(String)
    var description: String {
        switch self {
        case .unexpected(let text): text
        }
    }
}

func withEmulator(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
    clock: TestClock = TestClock(),
    _ body: (EmulatorHarness) async throws -> Void
) async throws {
    let sink = InMemoryLogSink()
    let emulator = AzureMLEmulator(configuration: configuration, logger: Logger(sink: sink), clock: clock.closure)
    let address = try emulator.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
    do {
        try await body(EmulatorHarness(emulator: emulator, port: address.port, clock: clock, logSink: sink))
        await emulator.shutdown()
    } catch {
        await emulator.shutdown()
        throw error
    }
}

extension RawHTTPResponse {
    /// The body as a JSON array.
    var jsonArray: [Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [Any]
    }

    /// `Error.Code` of an Azure-shaped error body.
    var errorCode: String? {
        (json?["Error"] as? [String: Any])?["Code"] as? String
    }

    var errorMessage: String? {
        (json?["Error"] as? [String: Any])?["Message"] as? String
    }
}

/// Decodes the claims of a JWT-shaped token.
func jwtClaims(_ token: String) -> [String: Any]? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    var text = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    guard let data = Data(base64Encoded: text) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}
