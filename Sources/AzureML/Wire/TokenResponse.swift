public import Foundation

/// The JSON an identity endpoint answers with a token.
///
/// Shapes differ by endpoint: Microsoft Entra v2 sends `expires_in` as a number; the v1 endpoint,
/// App Service managed identity and IMDS send `expires_in`/`expires_on` as numeric strings. Both
/// fields are read as a number or a numeric string, and the absolute `expires_on` wins when present.
/// Error answers (`{"error","error_description"}`, or App Service's `{"statusCode","message"}`) use
/// the same type, so one decode serves both.
public struct TokenResponse: Sendable, Decodable, CustomStringConvertible {
    public var accessToken: String?
    public var tokenType: String?
    /// Seconds from now.
    public var expiresIn: Double?
    /// Seconds since 1970.
    public var expiresOn: Double?
    public var error: String?
    public var errorDescription: String?

    public init(
        accessToken: String? = nil, tokenType: String? = nil, expiresIn: Double? = nil, expiresOn: Double? = nil,
        error: String? = nil, errorDescription: String? = nil
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.expiresOn = expiresOn
        self.error = error
        self.errorDescription = errorDescription
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case expiresOn = "expires_on"
        case error
        case errorDescription = "error_description"
        // App Service managed identity errors.
        case message
        case statusCode
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.optional(String.self, .accessToken)
        tokenType = try container.optional(String.self, .tokenType)
        expiresIn = Self.seconds(container, .expiresIn)
        expiresOn = Self.seconds(container, .expiresOn)
        // `error` is a string at Entra, but an object on some managed-identity hosts.
        if let code = try? container.decodeIfPresent(String.self, forKey: .error) {
            error = code
        } else if let nested = try? container.decodeIfPresent(AzureErrorResponse.ErrorDetail.self, forKey: .error) {
            error = nested.code
            errorDescription = nested.message
        }
        errorDescription = (try? container.decodeIfPresent(String.self, forKey: .errorDescription))
            ?? errorDescription
            ?? (try? container.decodeIfPresent(String.self, forKey: .message))
    }

    /// A number or numeric string; anything else (App Service 2017's date strings) counts as absent,
    /// so the other expiry field can still be used.
    private static func seconds(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> Double? {
        if let number = try? container.decodeIfPresent(Double.self, forKey: key) { return number }
        if let text = try? container.decodeIfPresent(String.self, forKey: key) { return Double(text.trimmingWhitespace()) }
        return nil
    }

    /// The token with its absolute expiry, or nil when the answer holds no token or no usable expiry.
    public func accessToken(receivedAt now: Date) -> AccessToken? {
        guard let token = accessToken, !token.isEmpty else { return nil }
        if let expiresOn, expiresOn > 0 {
            return AccessToken(token: token, expiresOn: Date(timeIntervalSince1970: expiresOn))
        }
        if let expiresIn {
            return AccessToken(token: token, expiresOn: now.addingTimeInterval(expiresIn))
        }
        return nil
    }

    /// Never shows the token.
    public var description: String {
        "TokenResponse(token: \(accessToken == nil ? "absent" : "redacted"), expires_in: \(expiresIn.map { String($0) } ?? "nil"), "
            + "expires_on: \(expiresOn.map { String($0) } ?? "nil"), error: \(error ?? "nil"))"
    }
}
