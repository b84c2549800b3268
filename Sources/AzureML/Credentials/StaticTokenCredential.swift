public import Foundation

/// A fixed token, for tests and for callers that obtained a token elsewhere.
public struct StaticTokenCredential: TokenCredential {
    public var accessToken: AccessToken

    public init(token: String, expiresOn: Date = .distantFuture) {
        accessToken = AccessToken(token: token, expiresOn: expiresOn)
    }

    public func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        accessToken
    }
}
