import JSON

/// The I/O half of `apply`: asks the gateway what it has and what each of the file's schedules would
/// become (dry runs, no side effects), builds the `SchedulePlan`, and carries it out.
struct ScheduleApplier {
    let client: GatewayClient

    /// A plan whose every create and update the server has already accepted in a dry run.
    struct Prepared {
        var plan: SchedulePlan
        /// The body to `POST` for each schedule to create (the file's, with the `apply` marker).
        var createBodies: [String: JSONNode]
        /// The `ETag` each update was validated against.
        var etags: [String: String]
    }

    enum Preparation {
        case ready(Prepared)
        case invalid([ScheduleFileProblem])
        case failed(GatewayClient.Failure)
    }

    func prepare(_ items: [ScheduleFileItem], prune: Bool) async -> Preparation {
        var problems: [ScheduleFileProblem] = []
        let existing: [SchedulePlan.Existing]
        do {
            existing = try await client.schedules().compactMap { resource in
                guard let id = resource["id"]?.stringValue, let name = resource["name"]?.stringValue else { return nil }
                return SchedulePlan.Existing(id: id, name: name, body: ScheduleBody.of(resource: resource), managedBy: resource["managed_by"]?.stringValue)
            }
        } catch {
            return .failed(error)
        }
        var desired: [SchedulePlan.Desired] = []
        var createBodies: [String: JSONNode] = [:]
        for item in items {
            let sameName = existing.filter { $0.name == item.name }
            if sameName.count > 1 {
                problems.append(item.problem(at: "/name", "the gateway has \(sameName.count) schedules named '\(item.name)'; apply matches by name, so rename or delete all but one"))
                continue
            }
            let body = Self.marked(item.body)
            do {
                let wouldBe = try await client.create(body, dryRun: true)
                desired.append(.init(name: item.name, body: ScheduleBody.of(resource: wouldBe), statesManagedBy: item.body["managed_by"] != nil))
                createBodies[item.name] = body
            } catch {
                guard error.isValidationProblem else { return .failed(error) }
                problems += Self.problems(error, in: item)
            }
        }
        guard problems.isEmpty else { return .invalid(problems) }
        let plan = SchedulePlan(desired: desired, existing: existing, prune: prune)
        var etags: [String: String] = [:]
        for step in plan.steps {
            guard case .update(let name, let id, let patch, _) = step, let item = items.first(where: { $0.name == name }) else { continue }
            do {
                let etag = try await client.schedule(id: id).etag
                _ = try await client.update(id: id, patch: patch, ifMatch: etag, dryRun: true)
                etags[name] = etag
            } catch {
                guard error.isValidationProblem else { return .failed(error) }
                problems += Self.problems(error, in: item)
            }
        }
        guard problems.isEmpty else { return .invalid(problems) }
        return .ready(Prepared(plan: plan, createBodies: createBodies, etags: etags))
    }

    /// Creates, then updates, then deletes, printing each as it is done; stops at the first refusal.
    func carryOut(_ prepared: Prepared, out: (String) -> Void) async throws(GatewayClient.Failure) {
        var counts = (created: 0, updated: 0, deleted: 0, unchanged: 0)
        for step in prepared.plan.steps {
            switch step {
            case .create(let name):
                guard let body = prepared.createBodies[name] else { continue }
                let made = try await client.create(body, dryRun: false)
                out("created \(name) (\(made["id"]?.stringValue ?? "?"))")
                counts.created += 1
            case .update(let name, let id, let patch, let changes):
                _ = try await client.update(id: id, patch: patch, ifMatch: prepared.etags[name], dryRun: false)
                out("updated \(name): \(changes.map(\.field).joined(separator: ", "))")
                counts.updated += 1
            case .delete(let name, let id):
                try await client.delete(id: id)
                out("deleted \(name)")
                counts.deleted += 1
            case .unchanged:
                counts.unchanged += 1
            }
        }
        out("apply: \(counts.created) created, \(counts.updated) updated, \(counts.deleted) deleted, \(counts.unchanged) unchanged")
    }

    /// The file's body with `"managed_by": "apply"` unless the file says otherwise.
    static func marked(_ body: JSONNode) -> JSONNode {
        guard body["managed_by"] == nil, case .object(let members) = body else { return body }
        return .object(members + [JSONMember(key: "managed_by", value: .string(SchedulePlan.marker))])
    }

    /// The server's refusal of one schedule as file problems: each pointer at its line, or — when the
    /// answer names no field (an unknown pipeline is a plain 404) — at the target field or the schedule.
    static func problems(_ failure: GatewayClient.Failure, in item: ScheduleFileItem) -> [ScheduleFileProblem] {
        guard case .refused(let status, let detail, let errors) = failure else { return [item.problem(at: "", "'\(item.name)': \(failure)")] }
        if errors.isEmpty {
            let target = item.body["pipeline_endpoint_id"] != nil ? "/pipeline_endpoint_id" : "/pipeline_id"
            let pointer = [404, 409].contains(status) ? target : ""
            return [item.problem(at: pointer, "'\(item.name)': \(detail)")]
        }
        return errors.map { item.problem(at: $0.pointer, "'\(item.name)'\($0.pointer.isEmpty ? "" : " \($0.pointer)"): \($0.detail)") }
    }
}
