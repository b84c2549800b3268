import AzureML
import Foundation
import Testing

@Suite("Token response parsing")
struct TokenResponseTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var json: String
        /// Expected expiry in seconds since 1970, or nil when no token must come out.
        var expiresOn: Double?
        var comment: String
        var testDescription: String { comment }
    }

    static let receivedAt = Date(timeIntervalSince1970: 1_700_000_000)

    static let rows: [Row] = [
        Row(
            json: #"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ.v2"}"#,
            expiresOn: 1_700_003_599, comment: "Entra v2: expires_in number"
        ),
        Row(
            json: #"{"token_type":"Bearer","expires_in":"3599","expires_on":"1700001234","access_token":"eyJ.v1"}"#,
            expiresOn: 1_700_001_234, comment: "v1 / IMDS: strings, expires_on preferred"
        ),
        Row(
            json: #"{"access_token":"eyJ.app","expires_on":"1700000600","resource":"https://management.azure.com/","token_type":"Bearer"}"#,
            expiresOn: 1_700_000_600, comment: "App Service: expires_on string only"
        ),
        Row(json: #"{"access_token":"t","expires_on":1700000700}"#, expiresOn: 1_700_000_700, comment: "expires_on number"),
        Row(json: #"{"access_token":"t","expires_in":" 60 "}"#, expiresOn: 1_700_000_060, comment: "padded numeric string"),
        Row(
            json: #"{"access_token":"t","expires_on":"09/14/2017 00:00:00 PM +00:00","expires_in":"120"}"#,
            expiresOn: 1_700_000_120, comment: "unparseable expires_on falls back to expires_in"
        ),
        Row(json: #"{"access_token":"t"}"#, expiresOn: nil, comment: "no expiry at all"),
        Row(json: #"{"access_token":"","expires_in":60}"#, expiresOn: nil, comment: "empty token"),
        Row(json: #"{"expires_in":60}"#, expiresOn: nil, comment: "no token"),
    ]

    @Test(arguments: rows)
    func parses(_ row: Row) throws {
        let response = try JSONDecoder().decode(TokenResponse.self, from: Data(row.json.utf8))
        let token = response.accessToken(receivedAt: Self.receivedAt)
        #expect(token?.expiresOn.timeIntervalSince1970 == row.expiresOn)
    }

    @Test(arguments: [
        (#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"#, "invalid_client", "AADSTS7000215: Invalid client secret provided."),
        (#"{"statusCode":400,"message":"No managed identity found"}"#, nil, "No managed identity found"),
        (#"{"error":{"code":"identity_not_found","message":"Identity not found"}}"#, "identity_not_found", "Identity not found"),
    ] as [(String, String?, String)])
    func errorShapes(_ json: String, _ code: String?, _ description: String) throws {
        let response = try JSONDecoder().decode(TokenResponse.self, from: Data(json.utf8))
        #expect(response.error == code)
        #expect(response.errorDescription == description)
    }

    @Test func neitherTheTokenNorItsDescriptionRevealTheToken() throws {
        let response = try JSONDecoder().decode(
            TokenResponse.self, from: Data(#"{"access_token":"super-secret-token","expires_in":60}"#.utf8)
        )
        #expect(!String(describing: response).contains("super-secret-token"))
        let token = try #require(response.accessToken(receivedAt: Self.receivedAt))
        #expect(!String(describing: token).contains("super-secret-token"))
        #expect(!String(reflecting: token).contains("super-secret-token"))
        #expect(String(describing: token) == "AccessToken(redacted, expires 2023-11-14T22:14:20Z)")
    }
}
