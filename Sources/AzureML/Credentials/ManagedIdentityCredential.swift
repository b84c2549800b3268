public import Foundation

/// The identity Azure attaches to the host, obtained from a local endpoint without any secret of ours.
///
/// Two endpoints exist: App Service, Functions and Container Apps expose `IDENTITY_ENDPOINT`
/// (`GET ?resource=…&api-version=2019-08-01` with the `X-IDENTITY-HEADER` the platform provides);
/// VMs, scale sets and AKS nodes have IMDS (`GET /metadata/identity/oauth2/token
/// ?api-version=2018-02-01&resource=…` with `Metadata: true`). Both take a v1 `resource`, not a scope.
/// `clientID` selects a user-assigned identity.
public struct ManagedIdentityCredential: TokenCredential, CustomStringConvertible, CustomReflectable {
    public enum Source: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
        /// `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`. The header value is a secret.
        case appService(endpoint: URL, identityHeader: String)
        /// The instance metadata service at `endpoint` (`http://169.254.169.254` on Azure).
        case imds(endpoint: URL)

        /// Never shows the identity header.
        public var description: String {
            switch self {
            case .appService(let url, _): "appService(\(TokenEndpoint.hostDescription(url)))"
            case .imds(let url): "imds(\(TokenEndpoint.hostDescription(url)))"
            }
        }

        public var customMirror: Mirror {
            Mirror(self, children: ["description": description])
        }
    }

    public static let defaultIMDSEndpoint = URL(string: "http://169.254.169.254")

    public let source: Source
    public let clientID: String?
    private let endpoint: TokenEndpoint

    public init(
        source: Source, clientID: String? = nil, transport: HTTPTransport = HTTPTransport(),
        timeout: Duration = .seconds(10), wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.clientID = clientID
        endpoint = TokenEndpoint(transport: transport, timeout: timeout, wallClock: wallClock)
    }

    public func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        let resource = Self.resource(forScope: scope)
        var query: [(String, String)]
        let base: URL
        var headers: [String: String]
        var secrets: [String] = []
        switch source {
        case .appService(let url, let identityHeader):
            base = url
            query = [("api-version", "2019-08-01"), ("resource", resource)]
            headers = ["X-IDENTITY-HEADER": identityHeader]
            secrets = [identityHeader]
        case .imds(let url):
            var text = url.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            guard let tokenURL = URL(string: text + "/metadata/identity/oauth2/token") else {
                throw AzureMLError(code: .credential, message: "the IMDS endpoint is not a valid URL", operation: TokenEndpoint.operation)
            }
            base = tokenURL
            query = [("api-version", "2018-02-01"), ("resource", resource)]
            headers = ["Metadata": "true"]
        }
        if let clientID { query.append(("client_id", clientID)) }
        let separator = base.query == nil ? "?" : "&"
        guard let url = URL(string: base.absoluteString + separator + FormEncoding.query(query)) else {
            throw AzureMLError(code: .credential, message: "the managed identity endpoint is not a valid URL", operation: TokenEndpoint.operation)
        }
        return try await endpoint.requestToken(TransportRequest(method: "GET", url: url, headers: headers), secrets: secrets)
    }

    /// The v1 resource for a v2 scope: `https://management.azure.com/.default` →
    /// `https://management.azure.com/`. A value without `/.default` is taken as a resource already.
    public static func resource(forScope scope: String) -> String {
        guard scope.hasSuffix("/.default") else { return scope }
        var resource = String(scope.dropLast("/.default".count))
        while resource.hasSuffix("/") { resource.removeLast() }
        return resource + "/"
    }

    public var description: String {
        switch source {
        case .appService(let url, _):
            "ManagedIdentityCredential(app service: \(TokenEndpoint.hostDescription(url)), client: \(clientID ?? "system-assigned"))"
        case .imds(let url):
            "ManagedIdentityCredential(IMDS: \(TokenEndpoint.hostDescription(url)), client: \(clientID ?? "system-assigned"))"
        }
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description])
    }
}
