import Emulator
import Foundation
import Testing

/// Every pipelines call needs a bearer token the emulator issued and that has not expired.
@Suite struct BearerAuthTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var authorization: String?
        var testDescription: String { name }
    }

    static let refused: [Case] = [
        .init(name: "no header", authorization: nil),
        .init(name: "basic scheme", authorization: "Basic dXNlcjpwYXNz"),
        .init(name: "bearer without token", authorization: "Bearer"),
        .init(name: "token never issued", authorization: "Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.c2ln"),
    ]

    @Test(arguments: refused)
    func refused_401WithPascalCaseError(_ c: Case) async throws {
        try await withEmulator { h in
            let headers = c.authorization.map { [("Authorization", $0)] } ?? []
            let response = try await h.send("GET", h.ws + "/Pipelines?activeOnly=true", headers: headers)
            #expect(response.status == 401)
            #expect(response.errorCode == "AuthenticationFailed")
            #expect(response.errorMessage?.isEmpty == false)
            #expect(response.header("WWW-Authenticate") == "Bearer")
        }
    }

    @Test func expiredToken_401_afterTheInjectedClockPassesExp() async throws {
        try await withEmulator(EmulatorConfiguration(tokenLifetime: 60)) { h in
            let token = try await h.token()
            let path = h.ws + "/Pipelines/\(AzureMLEmulator.demoPipelineID)"
            let fresh = try await h.send("GET", path, headers: [("Authorization", "Bearer \(token)")])
            #expect(fresh.status == 200)
            h.clock.advance(by: 61)
            let expired = try await h.send("GET", path, headers: [("Authorization", "Bearer \(token)")])
            #expect(expired.status == 401)
            #expect(expired.errorCode == "AuthenticationFailed")
            #expect(expired.errorMessage?.contains("expired") == true)
        }
    }

    @Test func tokensFromEveryEndpoint_areAccepted() async throws {
        try await withEmulator { h in
            let mi = try await h.send("GET", "/msi/token?resource=https%3A%2F%2Fmanagement.azure.com%2F&api-version=2019-08-01",
                                      headers: [("X-IDENTITY-HEADER", "x")])
            let imds = try await h.send("GET", "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=r",
                                        headers: [("Metadata", "true")])
            let v1 = try await h.send("POST", "/t/oauth2/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: "grant_type=client_credentials&client_id=a&client_secret=b&resource=r")
            for source in [mi, imds, v1] {
                let token = try #require(source.json?["access_token"] as? String)
                let response = try await h.send("GET", h.ws + "/Pipelines", headers: [("Authorization", "Bearer \(token)")])
                #expect(response.status == 200)
            }
        }
    }

    @Test func adminAPI_needsNoToken() async throws {
        try await withEmulator { h in
            let response = try await h.admin("GET", "/calls")
            #expect(response.status == 200)
        }
    }
}
