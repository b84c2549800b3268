/// Something that can obtain an access token for a scope (`https://management.azure.com/.default`).
///
/// Implementations fetch a fresh token on every call; wrap one in a `TokenCache` to reuse tokens
/// until shortly before they expire and to share one fetch among concurrent callers.
public protocol TokenCredential: Sendable {
    func token(for scope: String) async throws(AzureMLError) -> AccessToken
}
