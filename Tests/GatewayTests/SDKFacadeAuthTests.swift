import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Who may call the SDK facade: an API key with its role, or an Azure AD token Azure accepts for
/// the workspace (asked once with a pass-through read, then remembered until the token's `exp`).
@Suite(.serialized) struct SDKFacadeAuthTests {
    static let keys = "reader:reader:reader-secret-0123456789,ops:operator:operator-secret-0123456789,boss:admin:admin-secret-0123456789"

    @Test func noToken_orATokenAzureRefuses_is401InAzuresShape() async throws {
        try await GatewayHarness.with { gateway in
            let missing = try await gateway.facade("GET", "/Schedules?activeOnly=true", token: nil)
            #expect(missing.status == 401)
            #expect((missing.json?["Error"] as? [String: Any])?["Code"] as? String == "Unauthorized")
            #expect(missing.header("WWW-Authenticate") == "Bearer")
            // JWT-shaped, but never issued by the (emulated) Azure AD.
            let forged = "eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.c2ln"
            let refused = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(), token: forged)
            #expect(refused.status == 401)
            #expect(((refused.json?["Error"] as? [String: Any])?["Message"] as? String)?.contains("did not accept") == true)
            #expect(!refused.bodyText.contains(forged))
            #expect(try await gateway.get("/v1/schedules").json?["items"] as? [Any] != nil)
            #expect((try await gateway.get("/v1/schedules").json?["items"] as? [Any])?.isEmpty == true, "nothing was created")
        }
    }

    @Test func anAzureAcceptedToken_isCheckedOnce_thenCached() async throws {
        try await GatewayHarness.with { gateway in
            let token = try await gateway.emulatorToken()
            let before = try await gateway.emulatorCalls("list_data_types").count
            for _ in 0..<3 {
                let answer = try await gateway.facade("GET", "/Schedules?activeOnly=false", token: token)
                #expect(answer.status == 200, "\(answer.bodyText)")
            }
            #expect(try await gateway.emulatorCalls("list_data_types").count == before + 1, "one check, then the cache")
            let other = try await gateway.emulatorToken()
            #expect(try await gateway.facade("GET", "/Schedules?activeOnly=false", token: other).status == 200)
            #expect(try await gateway.emulatorCalls("list_data_types").count == before + 2, "another token is checked on its own")
        }
    }

    @Test func apiKeys_actWithTheirRole_andAzureTokensStillWork() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_API_KEYS": Self.keys]) { gateway in
            let reads = try await gateway.facade("GET", "/Schedules?activeOnly=true", token: "reader-secret-0123456789")
            #expect(reads.status == 200)
            let readerWrite = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(), token: "reader-secret-0123456789")
            #expect(readerWrite.status == 403)
            #expect((readerWrite.json?["Error"] as? [String: Any])?["Code"] as? String == "Forbidden")
            // DESIGN "Auth": creating or changing a schedule is admin's; enabling and disabling operator's.
            let operatorCreate = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(), token: "operator-secret-0123456789")
            #expect(operatorCreate.status == 403)
            let adminCreate = try await gateway.facade("POST", "/Schedules/Create", body: FacadeFixture.minuteCreate(), token: "admin-secret-0123456789")
            #expect(adminCreate.status == 200, "\(adminCreate.bodyText)")
            let id = try #require(adminCreate.json?["Id"] as? String)
            let own = try await gateway.get("/v1/schedules/\(id)", headers: ["Authorization": "Bearer admin-secret-0123456789"])
            #expect(own.json?["created_by"] as? String == "boss")

            var entity = try #require(adminCreate.json)
            entity["EntityStatus"] = "Disabled"
            let disable = try await gateway.facade("PUT", "/Schedules/\(id)", body: Self.text(entity), token: "operator-secret-0123456789")
            #expect(disable.status == 200, "\(disable.bodyText)")
            #expect(disable.json?["EntityStatus"] as? String == "Disabled")
            var changed = try #require(disable.json)
            changed["Recurrence"] = ["Frequency": "Hour", "Interval": 2]
            let operatorChange = try await gateway.facade("PUT", "/Schedules/\(id)", body: Self.text(changed), token: "operator-secret-0123456789")
            #expect(operatorChange.status == 403, "a new recurrence is an update, not an enable or disable")
            let adminChange = try await gateway.facade("PUT", "/Schedules/\(id)", body: Self.text(changed), token: "admin-secret-0123456789")
            #expect(adminChange.status == 200, "\(adminChange.bodyText)")

            let token = try await gateway.emulatorToken()
            #expect(try await gateway.facade("GET", "/Schedules/\(id)", token: token).status == 200)
            // An API key is the gateway's secret: it is not passed through to Azure.
            let passed = try await gateway.facade("GET", "/Pipelines?activeOnly=true", token: "reader-secret-0123456789")
            #expect(passed.status == 401)
        }
    }
}

extension SDKFacadeAuthTests {
    static func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}

/// The drop-in submit paths take an Azure AD token too while API keys are on (DESIGN "Auth").
@Suite(.serialized) struct AzurePathSubmitTokenTests {
    @Test func aSubmitWithAnAzureAcceptedToken_isServed_andAForgedOneIsNot() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_API_KEYS": SDKFacadeAuthTests.keys]) { gateway in
            let token = try await gateway.emulatorToken()
            let accepted = try await gateway.post(TriggerFixture.azurePath, TriggerFixture.logicAppBody, headers: ["Authorization": "Bearer \(token)"])
            #expect(accepted.status == 200, "\(accepted.bodyText)")
            let forged = try await gateway.post(
                TriggerFixture.azurePath, TriggerFixture.logicAppBody, headers: ["Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.c2ln"])
            #expect(forged.status == 401)
            #expect((forged.json?["Error"] as? [String: Any])?["Code"] as? String == "Unauthorized")
            #expect(try await gateway.emulatorCalls("submit").count == 1)
            // The /v1 paths still take API keys only.
            let v1 = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Authorization": "Bearer \(token)"])
            #expect(v1.status == 401)
        }
    }
}
