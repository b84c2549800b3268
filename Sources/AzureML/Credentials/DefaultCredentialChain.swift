import Foundation

/// Chooses a credential from environment variables, with the names and order of the Azure Identity
/// libraries, so a deployment configured for them works unchanged:
///
/// 1. `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_CLIENT_SECRET` → `ClientSecretCredential`
/// 2. `AZURE_TENANT_ID` + `AZURE_CLIENT_ID` + `AZURE_FEDERATED_TOKEN_FILE` → `WorkloadIdentityCredential`
/// 3. `IDENTITY_ENDPOINT` + `IDENTITY_HEADER` → `ManagedIdentityCredential` (App Service shape)
/// 4. otherwise IMDS at `AZURE_IMDS_ENDPOINT` (default `http://169.254.169.254`)
///
/// `AZURE_AUTHORITY_HOST` (default `https://login.microsoftonline.com`) applies to 1 and 2;
/// `AZURE_CLIENT_ID` selects a user-assigned identity for 3 and 4. Empty values count as unset.
public enum DefaultCredentialChain {
    public enum Source: String, Sendable, Hashable {
        case clientSecret = "client_secret"
        case workloadIdentity = "workload_identity"
        case managedIdentity = "managed_identity"
        case imds
    }

    /// Which source the environment selects.
    public static func source(in environment: [String: String]) -> Source {
        let value = { (name: String) -> String? in
            guard let text = environment[name]?.trimmingWhitespace(), !text.isEmpty else { return nil }
            return text
        }
        if value("AZURE_TENANT_ID") != nil, value("AZURE_CLIENT_ID") != nil {
            if value("AZURE_CLIENT_SECRET") != nil { return .clientSecret }
            if value("AZURE_FEDERATED_TOKEN_FILE") != nil { return .workloadIdentity }
        }
        if value("IDENTITY_ENDPOINT") != nil, value("IDENTITY_HEADER") != nil { return .managedIdentity }
        return .imds
    }

    /// The credential the environment selects, or nil when the URL it names (`AZURE_AUTHORITY_HOST`,
    /// `IDENTITY_ENDPOINT` or `AZURE_IMDS_ENDPOINT`) is not an absolute http(s) URL.
    public static func fromEnvironment(
        _ environment: [String: String], transport: HTTPTransport = HTTPTransport()
    ) -> (any TokenCredential)? {
        let value = { (name: String) -> String? in
            guard let text = environment[name]?.trimmingWhitespace(), !text.isEmpty else { return nil }
            return text
        }
        let tenantID = value("AZURE_TENANT_ID") ?? ""
        let clientID = value("AZURE_CLIENT_ID")
        switch source(in: environment) {
        case .clientSecret:
            guard let authority = authorityHost(value("AZURE_AUTHORITY_HOST")) else { return nil }
            return ClientSecretCredential(
                tenantID: tenantID, clientID: clientID ?? "", clientSecret: value("AZURE_CLIENT_SECRET") ?? "",
                authorityHost: authority, transport: transport
            )
        case .workloadIdentity:
            guard let authority = authorityHost(value("AZURE_AUTHORITY_HOST")) else { return nil }
            return WorkloadIdentityCredential(
                tenantID: tenantID, clientID: clientID ?? "", tokenFilePath: value("AZURE_FEDERATED_TOKEN_FILE") ?? "",
                authorityHost: authority, transport: transport
            )
        case .managedIdentity:
            guard let endpoint = httpURL(value("IDENTITY_ENDPOINT")) else { return nil }
            return ManagedIdentityCredential(
                source: .appService(endpoint: endpoint, identityHeader: value("IDENTITY_HEADER") ?? ""),
                clientID: clientID, transport: transport
            )
        case .imds:
            let endpoint: URL?
            if let configured = value("AZURE_IMDS_ENDPOINT") {
                endpoint = httpURL(configured)
            } else {
                endpoint = ManagedIdentityCredential.defaultIMDSEndpoint
            }
            guard let endpoint else { return nil }
            return ManagedIdentityCredential(source: .imds(endpoint: endpoint), clientID: clientID, transport: transport)
        }
    }

    private static func authorityHost(_ text: String?) -> URL? {
        guard let text else { return TokenEndpoint.defaultAuthorityHost }
        return httpURL(text)
    }

    private static func httpURL(_ text: String?) -> URL? {
        guard let text, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else { return nil }
        return url
    }
}
