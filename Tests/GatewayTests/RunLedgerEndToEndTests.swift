import Foundation
import Testing
@testable import Gateway
import Storage
import TestSupport

/// `/v1/runs`: listing, paging, reading, cancelling and retrying through the gateway.
@Suite(.serialized) struct RunLedgerEndToEndTests {
    @Test func list_filtersAndPages() async throws {
        try await GatewayHarness.with { gateway in
            var ids: [String] = []
            for _ in 0..<3 {
                let response = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
                ids.append(try #require(response.json?["id"] as? String))
            }
            let first = try await gateway.get("/v1/runs?limit=2")
            let firstItems = first.json?["items"] as? [[String: Any]] ?? []
            #expect(firstItems.compactMap { $0["id"] as? String } == [ids[2], ids[1]])
            let cursor = try #require(first.json?["next_cursor"] as? String)
            let second = try await gateway.get("/v1/runs?limit=2&cursor=\(cursor)")
            #expect((second.json?["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[0]])
            #expect(second.json?["next_cursor"] is NSNull)

            let byPipeline = try await gateway.get("/v1/runs?pipeline_id=\(TriggerFixture.demoPipelineID)")
            #expect((byPipeline.json?["items"] as? [Any])?.count == 3)
            let none = try await gateway.get("/v1/runs?pipeline_id=other")
            #expect((none.json?["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badQueries_andUnknownRuns() async throws {
        try await GatewayHarness.with { gateway in
            let cursor = try await gateway.get("/v1/runs?cursor=bogus")
            #expect(cursor.status == 400)
            #expect(cursor.json?["parameter"] as? String == "cursor")
            let source = try await gateway.get("/v1/runs?source=carrier-pigeon")
            #expect(source.status == 400)
            #expect(source.json?["parameter"] as? String == "source")
            #expect(try await gateway.get("/v1/runs/nope").status == 404)
            #expect(try await gateway.post("/v1/runs/nope/cancel").status == 404)
            #expect(try await gateway.post("/v1/runs/nope/retry").status == 404)
        }
    }

    @Test func cancel_cancelsInAzure_andRefusesAFinishedRun() async throws {
        try await GatewayHarness.with { gateway in
            let started = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            let id = try #require(started.json?["id"] as? String)
            let cancelled = try await gateway.post("/v1/runs/\(id)/cancel")
            #expect(cancelled.status == 200, "\(cancelled.bodyText)")
            #expect(cancelled.json?["status"] as? String == "Canceled")
            #expect(try await gateway.emulatorCalls("cancel_run").count == 1)
            let again = try await gateway.post("/v1/runs/\(id)/cancel")
            #expect(again.status == 409)
        }
    }

    @Test func backgroundRefresh_recordsAzuresStatus_andStopsOnceFinal() async throws {
        try await GatewayHarness.with { gateway in
            let started = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            let id = try #require(started.json?["id"] as? String)
            let azureRunID = try #require(started.json?["azure_run_id"] as? String)
            let store = gateway.app.store
            let accepted = try #require(try await store.run(id: id))
            #expect(accepted.nextRefreshAt != nil)
            // Not due yet: the refresher leaves it alone.
            #expect(await gateway.app.ledger.refreshDue() == 0)
            try await gateway.setEmulatorRunStatus(azureRunID, "Finished")
            _ = try await store.updateRun(id: id, RunChange(nextRefreshAt: .some(Date(timeIntervalSinceNow: -1)), updatedAt: Date()))
            #expect(await gateway.app.ledger.refreshDue() == 1)
            let refreshed = try #require(try await store.run(id: id))
            #expect(refreshed.status == "Finished")
            #expect(refreshed.nextRefreshAt == nil)
        }
    }

    @Test func failingRefresh_isRetriedLater_notAtEveryPass() async throws {
        try await GatewayHarness.with { gateway in
            let started = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            let id = try #require(started.json?["id"] as? String)
            let store = gateway.app.store
            _ = try await store.updateRun(id: id, RunChange(nextRefreshAt: .some(Date(timeIntervalSinceNow: -1)), updatedAt: Date()))
            try await gateway.injectFault(#"{"operation":"get_run","status":404,"count":10}"#)
            #expect(await gateway.app.ledger.refreshDue() == 0)
            let postponed = try #require(try await store.run(id: id)?.nextRefreshAt)
            #expect(postponed > Date(timeIntervalSinceNow: 200))
            #expect(await gateway.app.ledger.refreshDue() == 0)
            #expect(try await gateway.emulatorCalls("get_run").count == 1)
        }
    }

    @Test func refreshRate_isFifteenSecondsForAnHour_thenFiveMinutes() async throws {
        try await GatewayHarness.with { gateway in
            let ledger = gateway.app.ledger
            let created = Date(timeIntervalSince1970: 1_790_000_000)
            let run = RunRecord(
                id: "r", pipelineID: "p", experimentName: "e", source: "api", status: "Running", submission: [], createdAt: created)
            let young = created.addingTimeInterval(600)
            #expect(ledger.nextRefresh(for: run, status: "Running", at: young) == young.addingTimeInterval(15))
            let old = created.addingTimeInterval(3 * 3600)
            #expect(ledger.nextRefresh(for: run, status: "Running", at: old) == old.addingTimeInterval(300))
            #expect(ledger.nextRefresh(for: run, status: "Failed", at: old) == nil)
        }
    }

    @Test func retry_startsANewRunWithTheSameBody() async throws {
        try await GatewayHarness.with { gateway in
            let started = try await gateway.post(TriggerFixture.v1Path, TriggerFixture.logicAppBody)
            let id = try #require(started.json?["id"] as? String)
            let retried = try await gateway.post("/v1/runs/\(id)/retry")
            #expect(retried.status == 202, "\(retried.bodyText)")
            let newID = try #require(retried.json?["id"] as? String)
            #expect(newID != id)
            #expect(retried.json?["parameter_assignments"] as? [String: String] == ["input_string": "sample_string3"])
            let submits = try await gateway.emulatorCalls("submit")
            #expect(submits.count == 2)
            let tags = submits.compactMap { (($0["body"] as? [String: Any])?["tags"] as? [String: Any])?["gateway_run_id"] as? String }
            #expect(tags == [id, newID])
        }
    }
}

/// A run recorded by another component (a schedule fire) and picked up by reconciliation at the same
/// moment is sent by exactly one of them.
@Suite(.serialized) struct ForwardReconcileRaceTests {
    @Test func forwardingARecordedRunWhileReconciling_submitsEachRunOnce() async throws {
        try await GatewayHarness.with { gateway in
            let ledger = gateway.app.ledger
            var records: [RunRecord] = []
            for index in 0..<40 {
                let id = "race-\(index)"
                let body = Array(#"{"ExperimentName":"race","Tags":{"gateway_run_id":"\#(id)"}}"#.utf8)
                let record = RunRecord(
                    id: id, pipelineID: TriggerFixture.demoPipelineID, experimentName: "race", source: "schedule", status: "Submitting",
                    parameterAssignments: "{}", dataPathAssignments: "{}", submission: body, createdAt: Date())
                _ = try await gateway.app.store.insertRun(record, idempotency: nil)
                records.append(record)
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await ledger.reconcile() }
                group.addTask { await ledger.reconcile() }
                for record in records { group.addTask { _ = await ledger.forwardRecorded(record) } }
            }
            await ledger.reconcile()
            let submits = try await gateway.emulatorCalls("submit")
            let tags = submits.compactMap { (($0["body"] as? [String: Any])?["Tags"] as? [String: Any])?["gateway_run_id"] as? String }
            let doubled = Dictionary(grouping: tags, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(submits.count == 40, "each run once, not \(submits.count) submissions; sent twice: \(doubled)")
            for record in records {
                let run = try #require(try await gateway.app.store.run(id: record.id))
                #expect(run.status != "Submitting" && run.azureRunID != nil, "\(run)")
            }
        }
    }
}
