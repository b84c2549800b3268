import AzureML
import Foundation
import HTTPServer
import JSON
import Observability
import Storage

/// `POST /v1/imports`: copies the workspace's v1 schedules into the gateway, and moves each one's
/// ownership from Azure to the gateway (take-over) or back (give-back), one schedule at a time.
///
/// The rule every step keeps: a schedule is run by exactly one side, or for a moment by none, never
/// by both. Hence the order — the side that stops always stops before the other starts — and the
/// `Handover` step written to the gateway copy before Azure is touched, so an interrupted switch is
/// finished, not redone or mistaken for the owner's choice, by the next run. A failure at one
/// schedule is that row's `failed` with the reason; the others go on.
struct ScheduleImporter: Sendable {
    typealias Copy = (record: ScheduleRecord, definition: ScheduleDefinition)

    let schedules: ScheduleRoutes
    let logger: Logger
    /// One import at a time: two at once could both create a copy of the same Azure schedule.
    let serial = AsyncLimiter(limit: 1)

    private var store: any Store { schedules.store }

    func run(_ request: ImportRequest, by actor: ScheduleActor) async throws -> ImportReport {
        let result: Result<ImportReport, any Error> = await serial.run {
            do {
                return .success(try await runAlone(request, by: actor))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func runAlone(_ request: ImportRequest, by actor: ScheduleActor) async throws -> ImportReport {
        let client = try schedules.backend.client()
        let entities: [PipelineScheduleEntity]
        do {
            entities = try await client.listSchedules(activeOnly: false)
        } catch {
            throw UpstreamProblem.error(error)
        }
        let copies = try await importedCopies()
        var selected: [(id: String, entity: PipelineScheduleEntity?)] = entities.map { ($0.id ?? "", $0) }
        if let ids = request.azureScheduleIDs {
            selected = ids.map { id in (id, entities.first { $0.id == id }) }
        }
        var items: [ImportItem] = []
        for (id, entity) in selected {
            guard let entity else {
                items.append(ImportItem(azureScheduleID: id, outcome: .failed, reason: "The workspace has no v1 schedule with this id."))
                continue
            }
            let item: ImportItem
            switch request.mode {
            case .import: item = await importOne(entity, copies[id], by: actor).item
            case .takeOver: item = await takeOver(entity, copies[id], client: client, by: actor)
            case .giveBack: item = await giveBack(entity, copies[id], client: client, by: actor)
            }
            logger.info("schedule import", [
                "mode": .string(request.mode.rawValue), "azure_schedule_id": .string(id), "outcome": .string(item.outcome.rawValue),
                "schedule_id": .string(item.scheduleID ?? ""), "request_id": .string(actor.requestID),
            ])
            items.append(item)
        }
        return ImportReport(mode: request.mode.rawValue, items: items)
    }

    /// Every gateway schedule made by an import, by the Azure id it came from.
    private func importedCopies() async throws -> [String: Copy] {
        var copies: [String: Copy] = [:]
        var cursor: Int64?
        repeat {
            let page = try await store.schedules(activeOnly: false, pipelineID: nil, pipelineEndpointID: nil, limit: 500, cursor: cursor)
            for record in page.items {
                if let definition = ScheduleDefinition.decode(record.definition), let from = definition.importedFrom {
                    copies[from] = (record, definition)
                }
            }
            cursor = page.nextCursor
        } while cursor != nil
        return copies
    }

    // MARK: Import

    /// Creates the Disabled copy, or brings an existing one up to date; the copy afterwards, if any.
    func importOne(_ entity: PipelineScheduleEntity, _ existing: Copy?, by actor: ScheduleActor) async -> (item: ImportItem, copy: Copy?) {
        let id = entity.id ?? ""
        var item = ImportItem(azureScheduleID: id, name: entity.name, outcome: .unchanged, scheduleID: existing?.record.id)
        let converted: V1ScheduleConversion.Converted
        switch V1ScheduleConversion.convert(entity, anchoringAtCreation: true) {
        case .success(let value): converted = value
        case .failure(let refusal):
            item.outcome = .notConvertible
            item.reason = refusal.reasons.joined(separator: " ")
            return (item, existing)
        }
        do {
            guard let (record, definition) = existing else {
                // The conversion anchors a recurrence without StartTime at Azure's creation; the copy's
                // calendar starts there too, not at the import (which would drop the occurrences between).
                let azureCreated = entity.createdDate.flatMap(AzureTimestamp.init(parsing:)).flatMap { $0.isUnsetSentinel ? nil : $0.date }
                let created = try await schedules.createSchedule(
                    body: converted.body.bytes, status: "Disabled", importedFrom: id, createdAt: azureCreated, by: actor)
                item.outcome = .imported
                item.scheduleID = created.0.id
                return (item, created)
            }
            if definition.handover?.gatewayOwns == true {
                item.reason = "The gateway runs this schedule since the take-over; change it in the gateway, not in Azure."
                return (item, existing)
            }
            let current = try JSONParser().parse(Array(definition.createBody(name: record.name, target: record.target(definition)).utf8))
            let patch = ImportPatch.replacing(current, with: try JSONParser().parse(converted.body.bytes))
            if try isUnchanged(record, definition, after: patch, to: current) {
                item.reason = "The gateway copy already matches the Azure schedule."
                return (item, existing)
            }
            let updated = try await schedules.updateSchedule(record, definition, patch: patch, by: actor)
            item.outcome = .updated
            return (item, updated)
        } catch {
            return (Self.failure(item, error, refusal: .notConvertible), existing)
        }
    }

    /// Whether `patch` leaves the schedule as it is (the same name, target and definition once read).
    private func isUnchanged(_ record: ScheduleRecord, _ definition: ScheduleDefinition, after patch: JSONNode, to current: JSONNode) throws -> Bool {
        var writer = JSONWriter()
        writer.write(MergePatch.apply(patch, to: current))
        guard case .success(var parsed) = ScheduleRequest.parse(writer.bytes, createdAt: record.createdAt) else { return false }
        parsed.definition.importedFrom = definition.importedFrom
        parsed.definition.handover = definition.handover
        return parsed.name == record.name && parsed.target == record.target(definition) && parsed.definition == definition
    }

    // MARK: Take-over

    /// Import, then: record `takingOver`; disable the Azure schedule; read its last run (only now,
    /// after the PUT: read before, an Azure fire in between would be run again by the gateway);
    /// enable the gateway copy from the first occurrence after that run, recording `takenOver` in
    /// the same write.
    func takeOver(_ entity: PipelineScheduleEntity, _ existing: Copy?, client: AzureMLClient, by actor: ScheduleActor) async -> ImportItem {
        let imported = await importOne(entity, existing, by: actor)
        var item = imported.item
        guard item.outcome != .notConvertible, item.outcome != .failed, var (record, definition) = imported.copy else { return item }
        item.scheduleID = record.id
        item.outcome = .unchanged
        let azureActive = entity.entityStatus == .active || entity.entityStatus == nil
        switch definition.handover {
        case .takenOver? where record.isActive && !azureActive:
            item.reason = "Already taken over: the gateway runs it and the Azure schedule is disabled."
            return item
        case .takingOver?, .takenOver?:
            break
        case nil, .givingBack?, .givenBack?:
            guard azureActive else {
                item.reason = "Disabled in Azure, so there is nothing to take over; the gateway copy is left as it is."
                return item
            }
        }
        do {
            // Refuse before Azure stops running it, not after: a copy that cannot be enabled would leave it to no one.
            try await schedules.checkTargetActive(record, definition)
        } catch {
            return Self.failure(item, error, before: "Not taken over; Azure still runs it: ")
        }
        do {
            if definition.handover != .takingOver {
                (record, definition) = try await mark(record, definition, .takingOver)
            }
        } catch {
            return Self.failure(item, error, before: "Not taken over; Azure still runs it: ")
        }
        if entity.entityStatus != .disabled {
            do {
                _ = try await client.setScheduleStatus(id: item.azureScheduleID, .disabled)
            } catch {
                return Self.failure(item, error, before: "Not taken over; Azure still runs it (re-run to finish): ")
            }
        }
        let stranded = "The Azure schedule is disabled but the gateway copy is not enabled yet; neither side runs it until a re-run finishes: "
        do {
            guard !record.isActive else {
                _ = try await mark(record, definition, .takenOver)
                item.outcome = .takenOver
                return item
            }
            let lastAzureRun: Date?
            do {
                lastAzureRun = try await client.lastRun(scheduleID: item.azureScheduleID)?.createdAt
            } catch {
                throw UpstreamProblem.error(error)
            }
            let after = lastAzureRun ?? schedules.clock.now()
            var done = definition
            done.handover = .takenOver
            var marked = record
            marked.definition = done.encoded()
            // A watched folder's files written after Azure's last run are ones Azure has not run (a new
            // file makes a run): the copy's first poll runs them. Without a last run, the folder as it is.
            _ = try await schedules.changeStatus(marked, done, to: "Active", armedAfter: after, unseenSince: lastAzureRun, by: actor)
            item.outcome = .takenOver
            item.reason = "The gateway fires it from the first occurrence after \(rfc3339UTC(after))."
            return item
        } catch {
            return Self.failure(item, error, before: stranded)
        }
    }

    // MARK: Give-back

    /// The mirror: disable the gateway copy (recording `givingBack` in the same write), then enable the
    /// Azure schedule, then record `givenBack`.
    func giveBack(_ entity: PipelineScheduleEntity, _ existing: Copy?, client: AzureMLClient, by actor: ScheduleActor) async -> ImportItem {
        var item = ImportItem(azureScheduleID: entity.id ?? "", name: entity.name, outcome: .unchanged, scheduleID: existing?.record.id)
        guard var (record, definition) = existing else {
            item.reason = "Never imported: Azure runs it."
            return item
        }
        switch definition.handover {
        case nil:
            item.reason = "Never taken over: Azure runs it."
            return item
        case .givenBack?:
            item.reason = "Already given back."
            return item
        case .takingOver?, .takenOver?, .givingBack?:
            break
        }
        do {
            if record.isActive {
                var marked = record
                definition.handover = .givingBack
                marked.definition = definition.encoded()
                record = try await schedules.changeStatus(marked, definition, to: "Disabled", by: actor)
            } else if definition.handover != .givingBack {
                (record, definition) = try await mark(record, definition, .givingBack)
            }
        } catch {
            return Self.failure(item, error, before: "Not given back; the gateway still runs it: ")
        }
        do {
            if entity.entityStatus != .active {
                do {
                    _ = try await client.setScheduleStatus(id: item.azureScheduleID, .active)
                } catch {
                    throw UpstreamProblem.error(error)
                }
            }
            _ = try await mark(record, definition, .givenBack)
        } catch {
            return Self.failure(
                item, error, before: "The gateway copy is disabled but the Azure schedule is not enabled yet; neither side runs it until a re-run finishes: ")
        }
        item.outcome = .givenBack
        return item
    }

    // MARK: Helpers

    /// Stores `handover` in the copy's definition (nothing else changes), refusing if the copy changed meanwhile.
    private func mark(_ record: ScheduleRecord, _ definition: ScheduleDefinition, _ handover: Handover) async throws -> Copy {
        var marked = definition
        marked.handover = handover
        var changed = record
        changed.definition = marked.encoded()
        guard case .updated(let stored) = try await store.replaceSchedule(changed, expectedVersion: record.version) else {
            throw HTTPError(.conflict, detail: "The gateway schedule changed while the import ran; run it again.")
        }
        return (stored, marked)
    }

    /// The row for an error, its reason after `prefix` (who runs the schedule now). A refusal by the
    /// gateway (4xx) is `refusal` (while importing: the schedule has no gateway form); anything else
    /// (Azure failing, the store) is a failure a re-run may get past.
    static func failure(_ item: ImportItem, _ error: any Error, before prefix: String = "", refusal: ImportItem.Outcome = .failed) -> ImportItem {
        var item = item
        switch error {
        case let error as HTTPError:
            let azure = error.extensions.first { $0.0 == "azure_message" }.map { " Azure ML said: \($0.1)" } ?? ""
            let fields = error.errors.map { "\($0.pointer.isEmpty ? "" : $0.pointer + ": ")\($0.detail)" }
            item.reason = prefix + ([error.detail] + fields).joined(separator: " ") + azure
            item.outcome = (400..<500).contains(error.status.code) ? refusal : .failed
        case let error as AzureMLError:
            item.reason = prefix + "Azure ML failed (\(error.operation)): \(error.message)"
            item.outcome = .failed
        default:
            item.reason = prefix + "\(error)"
            item.outcome = .failed
        }
        return item
    }
}
