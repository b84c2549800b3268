import Foundation
import Testing
@testable import Gateway
import TestSupport

/// Keys, roles and the rate limit on the trigger paths.
@Suite(.serialized) struct TriggerAuthTests {
    static let keys = "ops:admin:admin-secret-1,ci:operator:operator-secret-1,dash:reader:reader-secret-1"

    @Test func roles_onBothTriggerPaths() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_API_KEYS": Self.keys]) { gateway in
            let none = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            #expect(none.status == 401)
            #expect(none.header("WWW-Authenticate") == "Bearer")
            let reader = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Authorization": "Bearer reader-secret-1"])
            #expect(reader.status == 403)
            let wrong = try await gateway.post(TriggerFixture.azurePath, TriggerFixture.logicAppBody, headers: ["api-key": "not-a-key-at-all"])
            #expect(wrong.status == 401)
            #expect((wrong.json?["Error"] as? [String: Any])?["Code"] as? String == "Unauthorized")
            #expect(!wrong.bodyText.contains("not-a-key-at-all"))
            let operatorKey = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["api-key": "operator-secret-1"])
            #expect(operatorKey.status == 202)
            let azure = try await gateway.post(TriggerFixture.azurePath, TriggerFixture.logicAppBody, headers: ["Authorization": "Bearer operator-secret-1"])
            #expect(azure.status == 200)
            #expect(try await gateway.emulatorCalls("submit").count == 2)
        }
    }

    @Test func rateLimit_perKey_answers429WithRetryAfter() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_API_KEYS": Self.keys, "GATEWAY_RATE_LIMIT": "1,2"]) { gateway in
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append((try await gateway.get("/v1/runs", headers: ["api-key": "reader-secret-1"])).status)
            }
            #expect(statuses == [200, 200, 429])
            let limited = try await gateway.get("/v1/runs", headers: ["api-key": "reader-secret-1"])
            #expect(limited.header("Retry-After") != nil)
            // Another key has its own bucket.
            #expect(try await gateway.get("/v1/runs", headers: ["api-key": "admin-secret-1"]).status == 200)
        }
    }

    @Test func reloadKeys_replacesTheRing_andRefusesAnInvalidValue() async throws {
        try await GatewayHarness.with(environment: ["GATEWAY_API_KEYS": Self.keys]) { gateway in
            gateway.app.reloadKeys(from: ["GATEWAY_API_KEYS": "new:reader:brand-new-secret"])
            let oldKey = try await gateway.get("/v1/runs", headers: ["api-key": "reader-secret-1"])
            #expect(oldKey.status == 401)
            let newKey = try await gateway.get("/v1/runs", headers: ["api-key": "brand-new-secret"])
            #expect(newKey.status == 200)
            gateway.app.reloadKeys(from: ["GATEWAY_API_KEYS": "broken"])
            let kept = try await gateway.get("/v1/runs", headers: ["api-key": "brand-new-secret"])
            #expect(kept.status == 200)
        }
    }
}
