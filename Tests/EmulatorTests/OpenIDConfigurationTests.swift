import Foundation
import Testing
@testable import Emulator
import TestSupport

/// MSAL (azure-identity's ClientSecretCredential) fetches this before asking for a token.
@Suite struct OpenIDConfigurationTests {
    @Test func document_pointsAtTheTokenEndpointOverHTTPS() async throws {
        try await withEmulator { h in
            let response = try await h.send("GET", "/my-tenant/v2.0/.well-known/openid-configuration")
            #expect(response.status == 200)
            let json = try #require(response.json)
            #expect(json["token_endpoint"] as? String == "https://127.0.0.1:\(h.port)/my-tenant/oauth2/v2.0/token")
            #expect(json["issuer"] as? String == "https://127.0.0.1:\(h.port)/my-tenant/v2.0")
            #expect((json["token_endpoint_auth_methods_supported"] as? [String])?.contains("client_secret_post") == true)
        }
    }

    @Test func document_usesAnHTTPSPublicURLWhenConfigured() async throws {
        try await withEmulator(EmulatorConfiguration(publicURL: "https://emulator.example:8443/")) { h in
            let response = try await h.send("GET", "/t/v2.0/.well-known/openid-configuration")
            #expect(response.json?["token_endpoint"] as? String == "https://emulator.example:8443/t/oauth2/v2.0/token")
        }
    }
}
