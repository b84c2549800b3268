import AzureML
import Foundation
import HTTPServer
import JSON
import Observability
import Storage
import Webhooks

/// `POST /v1/eventgrid/blob-events?code=…`: Azure Event Grid pushes `BlobCreated` the moment a file
/// lands, so change-based schedules need not wait for their next poll. Each created blob is matched
/// against the active change schedules whose datastore is that account and container, and recorded
/// exactly as their watcher records a poll's find, sharing its seen-state: whichever of push and poll
/// sees a blob version first starts its one run. Polling stays on, since Event Grid may drop events.
///
/// Off (404) unless `GATEWAY_EVENTGRID_SECRET` is set; the `?code=` is the only authentication (no
/// API key). Both Event Grid handshakes are answered: the SubscriptionValidation event (Event Grid
/// schema) and the CloudEvents `OPTIONS` abuse protection.
struct EventGridRoutes: Sendable {
    let secret: String?
    let store: any Store
    let watcher: DatastoreWatcher
    let firer: ScheduleFirer
    let logger: Logger
    let events: CounterFamily

    static let route = "/v1/eventgrid/blob-events"
    static let problemType = "https://pipeline-gateway.dev/problems/eventgrid-delivery"

    func register(on router: inout Router) {
        let routes = self
        router.on(.POST, Self.route, async: { request in try await routes.deliver(request) })
        router.on(.OPTIONS, Self.route) { request in try routes.abuseProtectionHandshake(request) }
    }

    /// The CloudEvents webhook handshake: Event Grid asks with `WebHook-Request-Origin` (no code) and
    /// subscribes only if the origin is allowed back.
    func abuseProtectionHandshake(_ request: HTTPRequest) throws -> HTTPResponse {
        guard secret != nil else { throw HTTPError(.notFound, detail: "No resource at this path.") }
        return EventGridHandshake.optionsAnswer(request)
    }

    func deliver(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let secret else { throw HTTPError(.notFound, detail: "No resource at this path.") }
        do {
            _ = try WebhookVerifier.verify(
                .eventgrid, DeliveryRequest(request), secrets: [WebhookSecret(unchecked: secret)],
                now: Date().timeIntervalSince1970)
        } catch {
            throw HTTPError(
                .unauthorized, title: "Unauthorized", detail: "The delivery failed the Event Grid check (\(error.check.rawValue)): \(error.detail)",
                type: Self.problemType, extensions: [("check", error.check.rawValue)])
        }
        try TriggerHandler.checkContentType(request)
        let body: JSONNode
        do {
            body = try JSONParser().parse(request.body)
        } catch {
            throw HTTPError(.badRequest, detail: "The delivery is not valid JSON: \(error.description)", type: Self.problemType,
                errors: [.init(pointer: "", detail: error.description)])
        }
        guard let delivered = EventGridEvent.events(in: body) else {
            throw HTTPError(
                .badRequest, detail: "Expected an Event Grid event array, or a CloudEvent (or an array of them), each with an id and a type.",
                type: Self.problemType, errors: [.init(pointer: "", detail: "not an event or an array of events")])
        }
        if let code = delivered.lazy.compactMap(\.validationCode).first {
            events.increment([EventGridEvent.validationType, "validated"])
            logger.info("Event Grid subscription validated", ["route": .string(Self.route)])
            return EventGridHandshake.validationAnswer(code: code)
        }
        let schedules = try await changeSchedules(for: delivered)
        var runs = 0
        for event in delivered {
            guard let blob = event.createdBlob else {
                events.increment([event.type, "ignored"])
                continue
            }
            // Seen as of now, not the event's time (another clock, and a retried event can be hours
            // old): the watcher forgets only what was seen before a listing began.
            let seen = SeenBlob(name: blob.path, etag: blob.etag, lastModified: Date())
            var matched = false
            for (schedule, definition, datastore) in schedules
            where datastore.accountName.lowercased() == blob.account.lowercased() && datastore.containerName == blob.container {
                matched = true
                runs += await firer.pushed(schedule, definition, blob: seen, at: Date()).count
            }
            events.increment([event.type, matched ? "matched" : "unmatched"])
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("events")
        writer.writeNumber(literal: String(delivered.count))
        writer.writeKey("runs")
        writer.writeNumber(literal: String(runs))
        writer.endObject()
        return .json(.ok, writer.bytes)
    }

    /// The active change-based schedules with their datastores, read once per delivery (and only
    /// when it has a `BlobCreated`); a datastore that cannot be resolved leaves its schedules to polling.
    private func changeSchedules(for delivered: [EventGridEvent]) async throws -> [(ScheduleRecord, ScheduleDefinition, Datastore)] {
        guard delivered.contains(where: { $0.createdBlob != nil }) else { return [] }
        var found: [(ScheduleRecord, ScheduleDefinition, Datastore)] = []
        for schedule in try await store.activeSchedules() {
            guard let definition = ScheduleDefinition.decode(schedule.definition), let name = definition.datastore else { continue }
            do {
                found.append((schedule, definition, try await watcher.datastore(named: name)))
            } catch {
                logger.warning("a change schedule's datastore could not be resolved for an Event Grid event; polling will find the file", [
                    "schedule_id": .string(schedule.id), "datastore": .string(name), "code": .string(error.code.rawValue),
                ])
            }
        }
        return found
    }
}
