public import AzureML
public import Foundation
public import JSON

/// The slice of a running gateway's public API that `apply`, `export` and `import-schedules` use, over the
/// project's libcurl `HTTPTransport` (not a second HTTP client). The API key is sent as a bearer
/// token and never appears in any error or output.
public struct GatewayClient: Sendable {
    /// Why a call did not give the answer wanted.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// No HTTP answer (refused, timed out, broken connection).
        case unreachable(String)
        /// The gateway answered with an error status; `errors` are its problem's pointer → detail pairs.
        case refused(status: Int, detail: String, errors: [(pointer: String, detail: String)])

        public var description: String {
            switch self {
            case .unreachable(let reason): "the gateway could not be reached: \(reason)"
            case .refused(let status, let detail, let errors):
                ([ "the gateway answered \(status): \(detail)"] + errors.map { "  \($0.pointer.isEmpty ? "(body)" : $0.pointer): \($0.detail)" })
                    .joined(separator: "\n")
            }
        }

        /// Validation answers (the body or the change is wrong), as opposed to auth or server trouble.
        public var isValidationProblem: Bool {
            if case .refused(let status, _, _) = self { return [400, 404, 409, 412, 415, 422].contains(status) }
            return false
        }
    }

    public let server: URL
    private let apiKey: String?
    private let transport: HTTPTransport
    static let timeout: Duration = .seconds(60)
    /// Sends of one request while the gateway answers 429.
    static let rateLimitAttempts = 10

    public init(server: URL, apiKey: String?, transport: HTTPTransport = HTTPTransport(maximumConnectionsPerHost: 2)) {
        self.server = server
        self.apiKey = apiKey
        self.transport = transport
    }

    /// Every schedule, active or not, following `next_cursor` page by page.
    public func schedules() async throws(Failure) -> [JSONNode] {
        var items: [JSONNode] = []
        var cursor: String?
        repeat {
            var query = "active_only=false&limit=500"
            if let cursor { query += "&cursor=" + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor) }
            let (page, _) = try await call("GET", "/v1/schedules?" + query)
            items += page["items"]?.arrayElements ?? []
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        return items
    }

    /// One schedule and its `ETag`.
    public func schedule(id: String) async throws(Failure) -> (JSONNode, etag: String?) {
        try await call("GET", "/v1/schedules/" + Self.segment(id))
    }

    /// `POST /v1/schedules` (`?dry_run=true`: validated, nothing stored); the schedule made or that would be.
    public func create(_ body: JSONNode, dryRun: Bool) async throws(Failure) -> JSONNode {
        try await call("POST", "/v1/schedules" + (dryRun ? "?dry_run=true" : ""), body: body).0
    }

    /// `PATCH /v1/schedules/{id}` with `If-Match` (`?dry_run=true`: validated, nothing changed).
    public func update(id: String, patch: JSONNode, ifMatch etag: String?, dryRun: Bool) async throws(Failure) -> JSONNode {
        let path = "/v1/schedules/" + Self.segment(id) + (dryRun ? "?dry_run=true" : "")
        return try await call("PATCH", path, body: patch, headers: etag.map { ["If-Match": $0] } ?? [:]).0
    }

    /// `POST /v1/imports` (`import`, `take_over` or `give_back`): the table of rows, one per Azure
    /// schedule. An import calls Azure two or three times per schedule, so it gets a long deadline.
    public func importSchedules(mode: String) async throws(Failure) -> JSONNode {
        let body = JSONNode.object([JSONMember(key: "mode", value: .string(mode))])
        return try await call("POST", "/v1/imports", body: body, timeout: .seconds(600)).0
    }

    public func delete(id: String) async throws(Failure) {
        _ = try await call("DELETE", "/v1/schedules/" + Self.segment(id))
    }

    private static func segment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }

    /// One request; a 2xx answer's JSON body (null when empty) and `ETag`, else `.refused` with the problem.
    private func call(
        _ method: String, _ path: String, body: JSONNode? = nil, headers: [String: String] = [:], timeout: Duration = Self.timeout
    ) async throws(Failure) -> (JSONNode, etag: String?) {
        guard let url = URL(string: server.absoluteString.trimmingSuffix("/") + path) else {
            throw .unreachable("'\(server.absoluteString)' is not a usable URL")
        }
        var fields = headers
        if let apiKey { fields["Authorization"] = "Bearer " + apiKey }
        var data: Data?
        if let body {
            var writer = JSONWriter()
            writer.write(body)
            data = Data(writer.bytes)
            fields["Content-Type"] = method == "PATCH" ? "application/merge-patch+json" : "application/json"
        }
        var response: TransportResponse
        var attempts = 0
        repeat {
            do {
                response = try await transport.perform(TransportRequest(method: method, url: url, headers: fields, body: data), timeout: timeout)
            } catch {
                throw .unreachable(error.message)
            }
            attempts += 1
            // Over the key's rate limit (a long file is hundreds of calls): the request was not served,
            // so waiting as told and sending it again is safe, for a POST too.
            guard response.status == 429, attempts < Self.rateLimitAttempts else { break }
            let seconds = response.header("Retry-After").flatMap { Int($0) }.map { min(max($0, 1), 30) } ?? 1
            try? await Task.sleep(for: .seconds(seconds))
        } while true
        let json = response.body.isEmpty ? JSONNode.null : (try? JSONParser().parse([UInt8](response.body))) ?? .null
        guard (200..<300).contains(response.status) else {
            let errors = (json["errors"]?.arrayElements ?? []).map { (pointer: $0["pointer"]?.stringValue ?? "", detail: $0["detail"]?.stringValue ?? "") }
            throw .refused(status: response.status, detail: json["detail"]?.stringValue ?? json["title"]?.stringValue ?? "no detail", errors: errors)
        }
        return (json, response.header("ETag"))
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
