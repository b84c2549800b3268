import AzureML
import Foundation
import JSON

/// Calls a running gateway's public API for the client commands (`import-schedules`), over the
/// project's libcurl `HTTPTransport`. DESIGN: `--server` (default `GATEWAY_PUBLIC_URL`, else
/// `http://127.0.0.1:8080`) and `--api-key` (or `GATEWAY_API_KEY`), sent as a bearer token and never
/// shown in any output or error.
///
/// `apply`/`export` (branch `apply`) have the same need in `SchedulesAsCode/GatewayClient.swift`;
/// this file is the one to fold into that when both are merged.
struct GatewayAPIClient: Sendable {
    /// Why a call gave no usable answer.
    enum Failure: Error, Sendable, CustomStringConvertible {
        /// No HTTP answer (refused, timed out, broken connection) or an unusable URL.
        case unreachable(String)
        /// An error status; `errors` are the problem's pointer/detail pairs.
        case refused(status: Int, detail: String, errors: [(pointer: String, detail: String)])

        var description: String {
            switch self {
            case .unreachable(let reason): "the gateway could not be reached: \(reason)"
            case .refused(let status, let detail, let errors):
                (["the gateway answered \(status): \(detail)"] + errors.map { "  \($0.pointer.isEmpty ? "(body)" : $0.pointer): \($0.detail)" })
                    .joined(separator: "\n")
            }
        }
    }

    static let defaultServer = "http://127.0.0.1:8080"

    let server: URL
    let apiKey: String?
    let transport: HTTPTransport
    /// An import calls Azure twice or thrice per schedule; a workspace's worth can take a while.
    var timeout: Duration = .seconds(600)

    /// The server and key from the flags, else the environment; a server that is not an http(s) URL
    /// is a usage error.
    static func resolve(
        server flag: String?, apiKey keyFlag: String?, environment: [String: String], transport: HTTPTransport
    ) throws(GatewayCommand.UsageError) -> GatewayAPIClient {
        let text = flag ?? environment["GATEWAY_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultServer
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw GatewayCommand.UsageError(message: "--server must be an http(s) URL such as \(defaultServer); got '\(text)'")
        }
        let key = (keyFlag ?? environment["GATEWAY_API_KEY"]).flatMap { $0.isEmpty ? nil : $0 }
        return GatewayAPIClient(server: url, apiKey: key, transport: transport)
    }

    /// `POST path` with a JSON body; the 2xx answer's JSON, else `.refused` with the problem.
    func post(_ path: String, json body: [UInt8]) async throws(Failure) -> JSONNode {
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path) else { throw .unreachable("'\(server.absoluteString)' is not a usable URL") }
        var headers = ["Content-Type": "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer " + apiKey }
        let response: TransportResponse
        do {
            response = try await transport.perform(TransportRequest(method: "POST", url: url, headers: headers, body: Data(body)), timeout: timeout)
        } catch {
            throw .unreachable(error.message)
        }
        let json = response.body.isEmpty ? JSONNode.null : (try? JSONParser().parse([UInt8](response.body))) ?? .null
        guard (200..<300).contains(response.status) else {
            let errors = (json["errors"]?.arrayElements ?? []).map { (pointer: $0["pointer"]?.stringValue ?? "", detail: $0["detail"]?.stringValue ?? "") }
            throw .refused(status: response.status, detail: json["detail"]?.stringValue ?? json["title"]?.stringValue ?? "no detail", errors: errors)
        }
        return json
    }
}
