import Foundation
import Testing
@testable import Gateway
import TestSupport

/// `Idempotency-Key` (DESIGN "Trigger validation"): one submission however often a request is repeated.
@Suite(.serialized) struct IdempotencyEndToEndTests {
    @Test func repeat_returnsTheFirstAnswer_withoutASecondSubmission() async throws {
        try await GatewayHarness.with { gateway in
            let first = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "order-42"])
            let second = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "order-42"])
            #expect(first.status == 202)
            #expect(second.status == 202)
            #expect(second.json?["id"] as? String == first.json?["id"] as? String)
            #expect(second.header("Location") == first.header("Location"))
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func sameKey_differentBody_isRefused() async throws {
        try await GatewayHarness.with { gateway in
            _ = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "k1"])
            let other = #"{"ExperimentName":"Other","ParameterAssignments":{"input_string":"x"}}"#
            let response = try await gateway.post(TriggerFixture.v1Path, other, headers: ["Idempotency-Key": "k1"])
            #expect(response.status == 422)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func concurrentRepeats_submitOnce() async throws {
        try await GatewayHarness.with { gateway in
            // A slow submit keeps the first request in flight while the repeats arrive.
            try await gateway.injectFault(#"{"operation":"submit","delay_ms":700}"#)
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "same"])
                        return (response.status, response.json?["id"] as? String)
                    }
                }
                var all: [(Int, String?)] = []
                for try await entry in group { all.append(entry) }
                return all
            }
            #expect(statuses.filter { $0.0 == 202 }.count >= 1)
            #expect(statuses.allSatisfy { $0.0 == 202 || $0.0 == 409 })
            #expect(Set(statuses.compactMap(\.1)).count == 1)
            #expect(try await gateway.emulatorCalls("submit").count == 1)
        }
    }

    @Test func keys_surviveARestart() async throws {
        let dataDirectory = NSTemporaryDirectory() + "gw-keep-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let database = ["GATEWAY_DATABASE": "sqlite:\(dataDirectory)/kept.sqlite3"]
        var firstID: String?
        try await GatewayHarness.with(environment: database) { gateway in
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "durable"])
            #expect(response.status == 202)
            firstID = response.json?["id"] as? String
        }
        try await GatewayHarness.with(environment: database) { gateway in
            let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody, headers: ["Idempotency-Key": "durable"])
            #expect(response.status == 202)
            #expect(response.json?["id"] as? String == firstID)
            #expect(try await gateway.emulatorCalls("submit").isEmpty)
        }
    }
}
