import AzureML
import Foundation

/// One outbound request of the emulated Event Grid: a handshake or an event delivery.
struct WebhookRequest: Sendable {
    var method: String
    var url: URL
    var headers: [String: String]
    var body: [UInt8]?
}

/// The emulated Event Grid's HTTP client: the gateway's own libcurl `HTTPTransport`, not URLSession.
///
/// Why: the gateway replaced URLSession with libcurl and stopped linking FoundationNetworking (lower
/// RSS, CA bundles honoured; see `HTTPTransport`); the emulator runs inside `serve`, so URLSession here
/// would bring that library back. The transport also waits without pinning a cooperative-pool thread,
/// is cancelled with its task (so shutdown ends a delivery at once), and speaks https too.
/// Each call has Event Grid's answer deadline shortened to `timeout`, so tests fail fast.
struct WebhookClient: Sendable {
    static let timeout: Duration = .seconds(5)

    private let transport = HTTPTransport(maximumConnectionsPerHost: 4, connectTimeout: WebhookClient.timeout)

    /// Sends `request` once; the failure says why no answer came (never with the URL's query).
    func send(_ request: WebhookRequest) async -> Result<TransportResponse, TransportFailure> {
        let outbound = TransportRequest(
            method: request.method, url: request.url, headers: request.headers, body: request.body.map { Data($0) })
        do throws(TransportFailure) {
            return .success(try await transport.perform(outbound, timeout: Self.timeout))
        } catch {
            return .failure(error)
        }
    }
}
