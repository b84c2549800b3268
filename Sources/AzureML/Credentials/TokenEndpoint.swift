import Foundation

/// The exchange every credential has with an identity endpoint: send one request, read a token or a
/// readable error. Shared so all of them report failures the same way and scrub secrets the same way.
struct TokenEndpoint: Sendable {
    static let operation = "token"

    var transport: HTTPTransport
    var timeout: Duration
    var wallClock: @Sendable () -> Date

    /// Sends `request` and returns its token. Any text in `secrets` is replaced by `[redacted]` in
    /// error messages, in case an endpoint echoes what it was sent.
    func requestToken(_ request: TransportRequest, secrets: [String]) async throws(AzureMLError) -> AccessToken {
        let response: TransportResponse
        do {
            response = try await transport.perform(request, timeout: timeout)
        } catch {
            throw AzureMLError(
                code: .credential,
                message: Self.redact("the identity endpoint \(Self.hostDescription(request.url)) could not be reached: \(error.message)", secrets),
                clientRequestID: request.clientRequestID,
                operation: Self.operation
            )
        }
        let decoded = try? JSONDecoder().decode(TokenResponse.self, from: response.body)
        guard (200...299).contains(response.status) else {
            let detail = decoded?.errorDescription ?? "no error description"
            throw AzureMLError(
                code: .credential,
                statusCode: response.status,
                azureCode: decoded?.error.map { Self.redact($0, secrets) },
                message: Self.redact("the identity endpoint refused the token request (HTTP \(response.status)): \(Self.truncate(detail))", secrets),
                retryAfter: response.header("Retry-After").flatMap { RetryAfter.parse($0, now: wallClock()) },
                clientRequestID: request.clientRequestID,
                operation: Self.operation
            )
        }
        guard let decoded, let token = decoded.accessToken(receivedAt: wallClock()) else {
            throw AzureMLError(
                code: .credential,
                statusCode: response.status,
                message: "the identity endpoint answered without an access token and expiry",
                clientRequestID: request.clientRequestID,
                operation: Self.operation
            )
        }
        return token
    }

    static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    static func truncate(_ text: String, limit: Int = 500) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    /// Scheme, host and port only: enough to tell which endpoint failed, never a query string.
    static func hostDescription(_ url: URL) -> String {
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(url.scheme ?? "http")://\(url.host ?? "?")\(port)"
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`, whether or not the authority ends with a slash.
    static func entraTokenURL(authorityHost: URL, tenantID: String) -> URL? {
        var base = authorityHost.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/" + FormEncoding.escape(tenantID) + "/oauth2/v2.0/token")
    }

    /// Public cloud's authority, the default of the Azure Identity libraries.
    static let defaultAuthorityHost = URL(string: "https://login.microsoftonline.com")
}
