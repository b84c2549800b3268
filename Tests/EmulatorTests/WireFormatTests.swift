import Foundation
import Testing
@testable import Emulator

/// The pieces the wire shapes are built from, without sockets.
@Suite struct WireFormatTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.0000000+00:00"),
        (1_795_000_000.5, "2026-11-18T11:06:40.5000000+00:00"),
        (1_795_000_000.1234567, "2026-11-18T11:06:40.1234567+00:00"),
        (1_795_000_000.99999999, "2026-11-18T11:06:41.0000000+00:00"),
    ])
    func azureTimestamp(_ seconds: Double, _ text: String) {
        #expect(AzureTimestamp.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(arguments: [
        ("a", true), ("Exp_1-a", true), ("9lives", true), (String(repeating: "x", count: 255), true),
        ("", false), ("_a", false), ("-a", false), ("a b", false), ("a.b", false), ("é", false),
        (String(repeating: "x", count: 256), false),
    ])
    func experimentName(_ name: String, _ valid: Bool) {
        #expect(ExperimentName.isValid(name) == valid)
    }

    @Test func json_keepsKeyOrder_escapesStrings_andRoundTrips() throws {
        let value: JSONValue = .object([
            "Z": .int(1), "A": .string("quote \" backslash \\ newline \n"), "n": .null,
            "d": .double(0.5), "b": .bool(false), "l": .array([.int(-2), .string("é")]),
        ])
        let text = value.text
        #expect(text.hasPrefix(#"{"Z":1,"A":"quote \" backslash \\ newline \n","#))
        let reparsed = try #require(JSONValue.parse(value.serialized))
        #expect(reparsed.objectValue?["A"] == .string("quote \" backslash \\ newline \n"))
        #expect(reparsed.objectValue?["l"] == .array([.int(-2), .string("é")]))
        #expect(reparsed.objectValue?["d"] == .double(0.5))
        #expect(reparsed.objectValue?["b"] == .bool(false))
    }

    @Test(arguments: [
        (JSONValue.string("x"), "x"), (.int(5), "5"), (.double(0.5), "0.5"), (.bool(true), "True"), (.bool(false), "False"),
    ])
    func scalarText_matchesWhatTheServiceBinds(_ value: JSONValue, _ text: String) {
        #expect(value.scalarText == text)
    }

    @Test(arguments: [
        (JSONValue.int(2), EntityStatus.disabled), (.string("2"), .disabled), (.string("Disabled"), .disabled),
        (.string("deprecated"), .deprecated), (.string("Active"), .active),
    ])
    func wireEnum_readsEveryForm(_ value: JSONValue, _ expected: EntityStatus) {
        #expect(EntityStatus(wire: value) == expected)
    }

    @Test(arguments: [JSONValue.int(3), .string("Paused"), .bool(true), .null])
    func wireEnum_refusesOthers(_ value: JSONValue) {
        #expect(EntityStatus(wire: value) == nil)
    }

    @Test func runStatus_progression_isComputedFromAge() {
        let created = Date(timeIntervalSince1970: 1000)
        let run = EmulatedRun(
            id: "r", pipelineID: "p", graphID: "g", experimentName: "e", description: nil, runSource: "SDK", runType: .sdk,
            parameterAssignments: [:], dataPathAssignments: [:], dataSetAssignments: JSONObject(), tags: [:], properties: [:],
            scheduleID: nil, parentRunID: nil, continueOnStepFailure: nil, totalRunSteps: 1, createdBy: nil, createdAt: created,
            etag: "\"e\"", override: nil)
        #expect(run.status(at: created, runSeconds: 9).code == .notStarted)
        #expect(run.status(at: created.addingTimeInterval(3), runSeconds: 9).code == .running)
        let finished = run.status(at: created.addingTimeInterval(100), runSeconds: 9)
        #expect(finished.code == .finished)
        #expect(finished.endedAt == created.addingTimeInterval(9))
    }

    @Test func jwtShape_threeBase64URLParts() {
        let token = JWTShape.make(claims: .object(["exp": .int(1)]))
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
    }
}
