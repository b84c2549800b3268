public import Foundation

/// Workload identity federation (AKS, GitHub OIDC): the platform's signed token, read from a file, is
/// exchanged for an Entra token with `client_assertion_type=…jwt-bearer` and `client_assertion`.
///
/// The file is read again on every request because the platform rotates it; a cached copy would
/// expire. The assertion is scrubbed from error messages like a secret.
public struct WorkloadIdentityCredential: TokenCredential, CustomStringConvertible, CustomReflectable {
    public static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    public let tenantID: String
    public let clientID: String
    public let tokenFilePath: String
    public let authorityHost: URL
    private let endpoint: TokenEndpoint

    public init(
        tenantID: String, clientID: String, tokenFilePath: String, authorityHost: URL,
        transport: HTTPTransport = HTTPTransport(), timeout: Duration = .seconds(10),
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.tokenFilePath = tokenFilePath
        self.authorityHost = authorityHost
        endpoint = TokenEndpoint(transport: transport, timeout: timeout, wallClock: wallClock)
    }

    public func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        guard let url = TokenEndpoint.entraTokenURL(authorityHost: authorityHost, tenantID: tenantID) else {
            throw AzureMLError(code: .credential, message: "the authority host and tenant do not form a URL", operation: TokenEndpoint.operation)
        }
        let assertion = try readAssertion()
        let body = FormEncoding.body([
            ("grant_type", "client_credentials"),
            ("client_id", clientID),
            ("client_assertion_type", Self.assertionType),
            ("client_assertion", assertion),
            ("scope", scope),
        ])
        let request = TransportRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: body
        )
        return try await endpoint.requestToken(request, secrets: [assertion])
    }

    private func readAssertion() throws(AzureMLError) -> String {
        guard let data = FileManager.default.contents(atPath: tokenFilePath) else {
            throw AzureMLError(
                code: .credential,
                message: "the federated token file \(tokenFilePath) could not be read",
                operation: TokenEndpoint.operation
            )
        }
        let assertion = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        guard !assertion.isEmpty else {
            throw AzureMLError(
                code: .credential, message: "the federated token file \(tokenFilePath) is empty", operation: TokenEndpoint.operation
            )
        }
        return assertion
    }

    public var description: String {
        "WorkloadIdentityCredential(tenant: \(tenantID), client: \(clientID), token file: \(tokenFilePath))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["tenantID": tenantID, "clientID": clientID, "tokenFilePath": tokenFilePath])
    }
}
