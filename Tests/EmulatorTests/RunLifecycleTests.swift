import Emulator
import Foundation
import Testing

/// Runs advance NotStarted → Running → Finished over `runSeconds` of the injected clock; cancel and
/// the admin API freeze them.
@Suite struct RunLifecycleTests {
    static func statusCode(_ run: [String: Any]?) -> Int? {
        (run?["Status"] as? [String: Any])?["StatusCode"] as? Int
    }

    static func endTime(_ run: [String: Any]?) -> Any? {
        (run?["Status"] as? [String: Any])?["EndTime"]
    }

    @Test func progression_followsTheInjectedClock() async throws {
        try await withEmulator(EmulatorConfiguration(runSeconds: 30)) { h in
            let submitted = try await h.submit(#"{"ExperimentName":"progress"}"#)
            let id = try #require(submitted.json?["Id"] as? String)
            // (seconds advanced so far, expected StatusCode): NotStarted < 10 s ≤ Running < 30 s ≤ Finished.
            let steps: [(Double, Int)] = [(0, 0), (9.9, 0), (10, 1), (29.9, 1), (30, 3), (3600, 3)]
            var elapsed = 0.0
            for (at, code) in steps {
                h.clock.advance(by: at - elapsed)
                elapsed = at
                let run = try await h.azure("GET", "/PipelineRuns/\(id)").json
                #expect(Self.statusCode(run) == code, "at \(at) s")
                #expect((Self.endTime(run) is NSNull) == (code != 3), "EndTime only once finished (at \(at) s)")
            }
        }
    }

    @Test func cancel_setsCanceled_andStaysCanceled() async throws {
        try await withEmulator(EmulatorConfiguration(runSeconds: 30)) { h in
            let id = try #require(try await h.submit(#"{"ExperimentName":"cancel"}"#).json?["Id"] as? String)
            h.clock.advance(by: 15)
            let cancel = try await h.azure("DELETE", "/PipelineRuns/\(id)/Execution")
            #expect(cancel.status == 200)
            #expect(cancel.body.isEmpty)
            h.clock.advance(by: 60)
            let run = try await h.azure("GET", "/PipelineRuns/\(id)").json
            #expect(Self.statusCode(run) == 4)
            #expect(Self.endTime(run) is String)
        }
    }

    @Test func cancel_finishedRun_keepsFinished() async throws {
        try await withEmulator(EmulatorConfiguration(runSeconds: 10)) { h in
            let id = try #require(try await h.submit(#"{"ExperimentName":"done"}"#).json?["Id"] as? String)
            h.clock.advance(by: 11)
            #expect(try await h.azure("DELETE", "/PipelineRuns/\(id)/Execution").status == 200)
            #expect(Self.statusCode(try await h.azure("GET", "/PipelineRuns/\(id)").json) == 3)
        }
    }

    @Test func unknownRun_404OnGetAndCancel() async throws {
        try await withEmulator { h in
            let get = try await h.azure("GET", "/PipelineRuns/nope")
            #expect(get.status == 404)
            #expect(get.errorCode == "PipelineRunNotFound")
            #expect(try await h.azure("DELETE", "/PipelineRuns/nope/Execution").status == 404)
        }
    }

    @Test func adminStatus_freezesTheRunInThatStatus() async throws {
        try await withEmulator { h in
            let id = try #require(try await h.submit(#"{"ExperimentName":"fail"}"#).json?["Id"] as? String)
            let set = try await h.admin("POST", "/runs/\(id)/status", body: #"{"status":"Failed","detail":"step 2 crashed"}"#)
            #expect(set.status == 200)
            #expect(Self.statusCode(set.json) == 2)
            h.clock.advance(by: 3600)
            let run = try #require(try await h.azure("GET", "/PipelineRuns/\(id)").json)
            #expect(Self.statusCode(run) == 2)
            #expect((run["Status"] as? [String: Any])?["StatusDetail"] as? String == "step 2 crashed")
            #expect(run["HasErrors"] as? Bool == true)
            let bad = try await h.admin("POST", "/runs/\(id)/status", body: #"{"status":"Exploded"}"#)
            #expect(bad.status == 400)
            #expect(try await h.admin("POST", "/runs/nope/status", body: #"{"status":"Failed"}"#).status == 404)
        }
    }

    @Test func runsOfPipeline_oldestFirst_andUnknownPipeline404() async throws {
        try await withEmulator { h in
            var ids: [String] = []
            for name in ["first", "second", "third"] {
                ids.append(try #require(try await h.submit("{\"ExperimentName\":\"\(name)\"}").json?["Id"] as? String))
                h.clock.advance(by: 1)
            }
            let list = try await h.azure("GET", "/PipelineRuns/Pipeline/\(AzureMLEmulator.demoPipelineID)")
            #expect(list.status == 200)
            let runs = try #require(list.jsonArray as? [[String: Any]])
            #expect(runs.compactMap { $0["Id"] as? String } == ids)
            let unknown = try await h.azure("GET", "/PipelineRuns/Pipeline/missing")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "PipelineNotFound")
        }
    }

    @Test func runDates_haveSevenFractionDigitsAndOffset() async throws {
        try await withEmulator { h in
            let json = try #require(try await h.submit(#"{"ExperimentName":"dates"}"#).json)
            #expect(PipelineTests.isAzureDate((json["Status"] as? [String: Any])?["CreationTime"] as? String))
            #expect(PipelineTests.isAzureDate(json["CreatedDate"] as? String))
        }
    }
}
