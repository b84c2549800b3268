import JSON
import Testing
@testable import SchedulesAsCode

/// The plan `apply` makes from the file's schedules and the gateway's, and the diff it prints: pure.
struct SchedulePlanTests {
    static func json(_ text: String) -> JSONNode {
        (try? JSONParser().parse(Array(text.utf8))) ?? .null
    }

    static let daily = json(#"{"name":"a","pipeline_id":"p","experiment_name":"E","recurrence":{"frequency":"Day","interval":1}}"#)

    @Test func createsTheMissing_leavesTheEqual_patchesOnlyChangedFields() throws {
        let changed = Self.json(#"{"name":"b","pipeline_id":"p","experiment_name":"E","recurrence":{"frequency":"Day","interval":2}}"#)
        let stored = Self.json(#"{"name":"b","pipeline_id":"p","experiment_name":"E","description":"old","recurrence":{"frequency":"Day","interval":1,"hours":[1]}}"#)
        let plan = SchedulePlan(
            desired: [
                .init(name: "a", body: Self.daily, statesManagedBy: false), .init(name: "b", body: changed, statesManagedBy: false),
                .init(name: "c", body: Self.daily, statesManagedBy: false),
            ],
            existing: [.init(id: "1", name: "b", body: stored, managedBy: "apply"), .init(id: "2", name: "c", body: Self.daily, managedBy: nil)],
            prune: false)
        #expect(plan.steps.count == 3)
        #expect(plan.steps[0] == .create(name: "a"))
        #expect(plan.steps[2] == .unchanged(name: "c"))
        guard case .update(let name, let id, let patch, let changes) = plan.steps[1] else {
            Issue.record("expected an update, got \(plan.steps[1])")
            return
        }
        #expect(name == "b" && id == "1")
        #expect(SchedulePlan.compact(patch) == #"{"description":null,"recurrence":{"hours":null,"interval":2}}"#)
        #expect(changes.map(\.field) == ["description", "recurrence"])
        #expect(plan.diff == [
            "+ create a", "~ update b", #"    - description: "old""#,
            #"    - recurrence: {"frequency":"Day","interval":1,"hours":[1]}"#, #"    + recurrence: {"frequency":"Day","interval":2}"#,
            "(1 schedule unchanged)",
        ])
    }

    @Test func pruneDeletesOnlyWhatApplyMade() {
        let existing: [SchedulePlan.Existing] = [
            .init(id: "1", name: "kept", body: Self.daily, managedBy: "apply"),
            .init(id: "2", name: "gone", body: Self.daily, managedBy: "apply"),
            .init(id: "3", name: "by-hand", body: Self.daily, managedBy: nil),
            .init(id: "4", name: "other-tool", body: Self.daily, managedBy: "terraform"),
        ]
        let desired = [SchedulePlan.Desired(name: "kept", body: Self.daily, statesManagedBy: false)]
        #expect(SchedulePlan(desired: desired, existing: existing, prune: true).steps == [.unchanged(name: "kept"), .delete(name: "gone", id: "2")])
        #expect(SchedulePlan(desired: desired, existing: existing, prune: false).steps == [.unchanged(name: "kept")])
        #expect(SchedulePlan(desired: desired, existing: existing, prune: true).diff == ["- delete gone", "(1 schedule unchanged)"])
    }

    @Test func theMarkerIsComparedOnlyWhenTheFileStatesIt() {
        let marked = Self.json(#"{"name":"a","pipeline_id":"p","experiment_name":"E","recurrence":{"frequency":"Day","interval":1},"managed_by":"apply"}"#)
        let byHand = [SchedulePlan.Existing(id: "1", name: "a", body: Self.daily, managedBy: nil)]
        #expect(SchedulePlan(desired: [.init(name: "a", body: marked, statesManagedBy: false)], existing: byHand, prune: false).isEmpty)
        let stated = SchedulePlan(desired: [.init(name: "a", body: marked, statesManagedBy: true)], existing: byHand, prune: false)
        #expect(stated.diff == ["~ update a", #"    + managed_by: "apply""#])
    }

    @Test func nothingToDoSaysSo() {
        #expect(SchedulePlan(desired: [], existing: [], prune: true).diff == ["no changes"])
    }

    @Test func theCreateBodyOfAResourceDropsWhatACreateCannotSet() {
        let resource = Self.json("""
            {"id":"x","name":"a","description":null,"pipeline_id":"p","pipeline_endpoint_id":null,"pipeline_version":null,
             "experiment_name":"E","status":"Disabled","pipeline_parameters":{},"data_path_assignments":{},"continue_on_step_failure":null,
             "recurrence":{"interval":1,"frequency":"Day"},"catchup":"latest","overlap_policy":"skip","max_concurrent_runs":null,
             "imported_from":null,"managed_by":"apply","created_by":null,"updated_by":null,"created_at":"2030-01-01T00:00:00Z",
             "updated_at":"2030-01-01T00:00:00Z","last_fire_at":null,"last_outcome":null,"next_fire_at":null}
            """)
        #expect(SchedulePlan.compact(ScheduleBody.of(resource: resource))
            == #"{"name":"a","pipeline_id":"p","experiment_name":"E","recurrence":{"frequency":"Day","interval":1},"overlap_policy":"skip","managed_by":"apply"}"#)
    }

    @Test func mergePatchOfEqualValuesIsNil() {
        #expect(MergePatchDiff.patch(from: Self.daily, to: Self.daily) == nil)
        #expect(MergePatchDiff.patch(from: .string("a"), to: .number("1")) == .number("1"))
    }
}
