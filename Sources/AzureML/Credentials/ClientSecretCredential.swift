public import Foundation

/// A service principal's client secret exchanged for tokens with the client-credentials grant:
/// `POST {authority}/{tenant}/oauth2/v2.0/token` with `grant_type=client_credentials`, `client_id`,
/// `client_secret` and `scope`.
///
/// The secret never appears in `description`, in a `dump`, or in an error (it is scrubbed from any
/// message the endpoint sends back).
public struct ClientSecretCredential: TokenCredential, CustomStringConvertible, CustomReflectable {
    public let tenantID: String
    public let clientID: String
    public let authorityHost: URL
    private let clientSecret: String
    private let endpoint: TokenEndpoint

    /// - Parameters:
    ///   - authorityHost: `https://login.microsoftonline.com` in public cloud (`AZURE_AUTHORITY_HOST`).
    ///   - timeout: Deadline of one token request.
    public init(
        tenantID: String, clientID: String, clientSecret: String, authorityHost: URL,
        transport: HTTPTransport = HTTPTransport(), timeout: Duration = .seconds(10),
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorityHost = authorityHost
        endpoint = TokenEndpoint(transport: transport, timeout: timeout, wallClock: wallClock)
    }

    public func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        guard let url = TokenEndpoint.entraTokenURL(authorityHost: authorityHost, tenantID: tenantID) else {
            throw AzureMLError(code: .credential, message: "the authority host and tenant do not form a URL", operation: TokenEndpoint.operation)
        }
        let body = FormEncoding.body([
            ("grant_type", "client_credentials"),
            ("client_id", clientID),
            ("client_secret", clientSecret),
            ("scope", scope),
        ])
        let request = TransportRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body
        )
        return try await endpoint.requestToken(request, secrets: [clientSecret, FormEncoding.escape(clientSecret)])
    }

    public var description: String {
        "ClientSecretCredential(tenant: \(tenantID), client: \(clientID), authority: \(authorityHost.absoluteString), secret: redacted)"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["tenantID": tenantID, "clientID": clientID, "authorityHost": authorityHost])
    }
}
