import Emulator
import Foundation
import Testing

/// The token endpoints answer in Azure AD's real shapes, and refuse malformed requests the way AAD does.
@Suite struct TokenEndpointTests {
    static let form = [("Content-Type", "application/x-www-form-urlencoded")]
    static let tenant = "11111111-2222-3333-4444-555555555555"

    @Test func v2ClientSecret_numbersAndJWTShapedToken() async throws {
        try await withEmulator(EmulatorConfiguration(tokenLifetime: 1800)) { h in
            let response = try await h.send(
                "POST", "/\(Self.tenant)/oauth2/v2.0/token", headers: Self.form,
                body: "grant_type=client_credentials&client_id=app-1&client_secret=x&scope=https%3A%2F%2Fmanagement.azure.com%2F.default")
            #expect(response.status == 200)
            #expect(response.header("Cache-Control") == "no-store")
            let json = try #require(response.json)
            #expect(Set(json.keys) == ["token_type", "expires_in", "ext_expires_in", "access_token"])
            #expect(json["token_type"] as? String == "Bearer")
            #expect(json["expires_in"] as? Int == 1800)
            #expect(json["ext_expires_in"] as? Int == 1800)
            let token = try #require(json["access_token"] as? String)
            let claims = try #require(jwtClaims(token))
            #expect(claims["aud"] as? String == "https://management.azure.com")
            #expect(claims["tid"] as? String == Self.tenant)
            #expect(claims["appid"] as? String == "app-1")
            #expect((claims["oid"] as? String)?.isEmpty == false)
            #expect(claims["exp"] as? Int == Int(h.clock.now.timeIntervalSince1970) + 1800)
        }
    }

    @Test func v2ClientAssertion_accepted() async throws {
        try await withEmulator { h in
            let assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"
            let response = try await h.send(
                "POST", "/\(Self.tenant)/oauth2/v2.0/token", headers: Self.form,
                body: "grant_type=client_credentials&client_id=app-2&scope=api%3A%2F%2Fx%2F.default"
                    + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=\(assertion)")
            #expect(response.status == 200)
            let token = try #require(response.json?["access_token"] as? String)
            #expect(jwtClaims(token)?["aud"] as? String == "api://x")
        }
    }

    @Test func v1_everyNumberIsAString() async throws {
        try await withEmulator { h in
            let response = try await h.send(
                "POST", "/\(Self.tenant)/oauth2/token", headers: Self.form,
                body: "grant_type=client_credentials&client_id=app&client_secret=x&resource=https%3A%2F%2Fmanagement.azure.com%2F")
            #expect(response.status == 200)
            let json = try #require(response.json)
            let epoch = Int(h.clock.now.timeIntervalSince1970)
            #expect(json["expires_in"] as? String == "3599")
            #expect(json["ext_expires_in"] as? String == "3599")
            #expect(json["expires_on"] as? String == String(epoch + 3599))
            #expect(json["not_before"] as? String == String(epoch))
            #expect(json["resource"] as? String == "https://management.azure.com/")
            #expect(json["token_type"] as? String == "Bearer")
            #expect(jwtClaims(try #require(json["access_token"] as? String))?["aud"] as? String == "https://management.azure.com/")
        }
    }

    @Test func appServiceManagedIdentity_shape() async throws {
        try await withEmulator { h in
            let response = try await h.send(
                "GET", "/msi/token?resource=https%3A%2F%2Fmanagement.azure.com%2F&api-version=2019-08-01&client_id=mi-42",
                headers: [("X-IDENTITY-HEADER", "opaque")])
            #expect(response.status == 200)
            let json = try #require(response.json)
            #expect(Set(json.keys) == ["access_token", "expires_on", "resource", "token_type", "client_id"])
            #expect(json["expires_on"] as? String == String(Int(h.clock.now.timeIntervalSince1970) + 3599))
            #expect(json["client_id"] as? String == "mi-42")
            #expect(json["resource"] as? String == "https://management.azure.com/")
        }
    }

    @Test func instanceMetadataService_stringValues() async throws {
        try await withEmulator { h in
            let response = try await h.send(
                "GET", "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F",
                headers: [("Metadata", "true")])
            #expect(response.status == 200)
            let json = try #require(response.json)
            for key in ["access_token", "expires_in", "expires_on", "not_before", "resource", "token_type", "client_id"] {
                #expect(json[key] is String, "\(key) should be a string")
            }
            #expect(json["expires_in"] as? String == "3599")
        }
    }

    /// Each malformed token request → status and AAD `error` code.
    struct BadRequest: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var target: String
        var headers: [(String, String)]
        var body: String?
        var status: Int
        var error: String
        var testDescription: String { name }
    }

    static let badRequests: [BadRequest] = [
        .init(name: "v2 without grant_type", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "client_id=a&client_secret=b&scope=x%2F.default", status: 400, error: "invalid_request"),
        .init(name: "v2 other grant", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=password&client_id=a&client_secret=b&scope=x%2F.default", status: 400, error: "unsupported_grant_type"),
        .init(name: "v2 without client_id", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=client_credentials&client_secret=b&scope=x%2F.default", status: 400, error: "invalid_request"),
        .init(name: "v2 without secret or assertion", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=client_credentials&client_id=a&scope=x%2F.default", status: 400, error: "invalid_client"),
        .init(name: "v2 assertion of the wrong type", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=client_credentials&client_id=a&scope=x%2F.default&client_assertion_type=saml&client_assertion=a.b.c",
              status: 400, error: "invalid_request"),
        .init(name: "v2 assertion not a JWT", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=client_credentials&client_id=a&scope=x%2F.default"
                  + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=nope",
              status: 400, error: "invalid_client"),
        .init(name: "v2 without scope", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=client_credentials&client_id=a&client_secret=b", status: 400, error: "invalid_request"),
        .init(name: "v2 scope without /.default", method: "POST", target: "/t/oauth2/v2.0/token", headers: form,
              body: "grant_type=client_credentials&client_id=a&client_secret=b&scope=https%3A%2F%2Fmanagement.azure.com%2F",
              status: 400, error: "invalid_scope"),
        .init(name: "v1 without resource", method: "POST", target: "/t/oauth2/token", headers: form,
              body: "grant_type=client_credentials&client_id=a&client_secret=b", status: 400, error: "invalid_request"),
        .init(name: "MI without X-IDENTITY-HEADER", method: "GET", target: "/msi/token?resource=r&api-version=2019-08-01",
              headers: [], body: nil, status: 401, error: "unauthorized_client"),
        .init(name: "MI without resource", method: "GET", target: "/msi/token?api-version=2019-08-01",
              headers: [("X-IDENTITY-HEADER", "h")], body: nil, status: 400, error: "invalid_request"),
        .init(name: "IMDS without Metadata header", method: "GET", target: "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=r",
              headers: [], body: nil, status: 400, error: "invalid_request"),
        .init(name: "IMDS without api-version", method: "GET", target: "/metadata/identity/oauth2/token?resource=r",
              headers: [("Metadata", "true")], body: nil, status: 400, error: "invalid_request"),
    ]

    @Test(arguments: badRequests)
    func malformedRequest_refusedLikeAAD(_ bad: BadRequest) async throws {
        try await withEmulator { h in
            let response = try await h.send(bad.method, bad.target, headers: bad.headers, body: bad.body)
            #expect(response.status == bad.status)
            let json = try #require(response.json)
            #expect(json["error"] as? String == bad.error)
            #expect((json["error_description"] as? String)?.isEmpty == false)
            #expect(json["access_token"] == nil)
        }
    }
}
