import Foundation
import HTTPServer
import JSON
import Observability
import Storage
import Webhooks

/// `POST /hooks/{id}`: one delivery from a sender that signs its own payload (GitHub, a Standard
/// Webhooks sender, Stripe, a Logic App with a shared token). In order: the webhook must exist and be
/// active, the signature must verify over the raw bytes, the body must be JSON and pass the filter;
/// its templates then make an Azure trigger body that passes the same validator as every trigger.
/// The run is recorded durably and answered 202 at once; forwarding goes on in the background with
/// the ledger's guarantees. A repeated delivery id gets the first answer and starts nothing. Every
/// outcome is logged in the webhook's deliveries, without secrets or signatures.
struct HookDelivery: Sendable {
    let store: any Store
    let ledger: RunLedger
    let backend: AzureMLBackend
    let logger: Logger
    let deliveries: CounterFamily
    /// The current time, as seconds since 1970 (injected by tests).
    let now: @Sendable () -> Date

    static let route = "/hooks/{id}"
    static let problemType = "https://pipeline-gateway.dev/problems/webhook-delivery"

    func register(on router: inout Router) {
        let delivery = self
        router.on(.POST, Self.route, async: { request in try await delivery.handle(request) })
        router.on(.OPTIONS, Self.route, async: { request in try await delivery.options(request) })
    }

    /// Methods of a delivery URL — and, for an `eventgrid` webhook, the CloudEvents abuse-protection
    /// handshake Event Grid makes before it subscribes it (no secret is sent with it).
    func options(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let webhook = try await store.webhook(id: id) else { throw HTTPError(.notFound, detail: "There is no webhook '\(id)'.") }
        guard webhook.scheme == WebhookScheme.eventgrid.rawValue else { return HTTPResponse(status: .ok, headers: ["Allow": "POST, OPTIONS"]) }
        return EventGridHandshake.optionsAnswer(request)
    }

    /// A delivery's fate, logged and counted, then answered.
    private struct Outcome: Error {
        var name: String
        var reason: String?
        var response: HTTPResponse
        var deliveryID: String?
        var runID: String?
        /// An Event Grid batch: one outcome per event, each logged on its own (the batch is not).
        var events: [Outcome] = []
    }

    func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let webhook = try await store.webhook(id: id), let definition = WebhookDefinition.decode(webhook.definition) else {
            throw HTTPError(.notFound, detail: "There is no webhook '\(id)'.")
        }
        let receivedAt = now()
        let outcome: Outcome
        do {
            outcome = try await deliver(request, webhook, definition, at: receivedAt)
        } catch let refused as Outcome {
            outcome = refused
        }
        for logged in outcome.events.isEmpty ? [outcome] : outcome.events {
            deliveries.increment([webhook.id, logged.name])
            do {
                try await store.recordDelivery(WebhookDeliveryRecord(
                    webhookID: webhook.id, deliveryID: logged.deliveryID, receivedAt: receivedAt, outcome: logged.name, reason: logged.reason,
                    runID: logged.runID, status: logged.response.status.code))
            } catch {
                logger.warning("a webhook delivery could not be logged", ["webhook_id": .string(webhook.id), "error": .string(error.description)])
            }
        }
        return outcome.response
    }

    private func deliver(_ request: HTTPRequest, _ webhook: WebhookRecord, _ definition: WebhookDefinition, at receivedAt: Date) async throws
        -> Outcome
    {
        guard webhook.isActive else {
            throw Self.refusal("disabled", HTTPError(.conflict, detail: "Webhook '\(webhook.id)' is disabled; enable it to accept deliveries."))
        }
        guard let scheme = WebhookScheme(rawValue: webhook.scheme) else {
            throw Self.refusal("invalid", HTTPError(.internalServerError, detail: "Webhook '\(webhook.id)' has an unknown scheme."))
        }
        let secrets = try await store.webhookSecrets(webhookID: webhook.id).map { WebhookSecret(unchecked: $0.value) }
        let verified: VerifiedDelivery
        do {
            verified = try WebhookVerifier.verify(
                scheme, DeliveryRequest(request), secrets: secrets, now: receivedAt.timeIntervalSince1970)
        } catch {
            throw Self.refusal(
                "unauthorized",
                HTTPError(.unauthorized, title: "Unauthorized", detail: "The delivery failed the \(scheme.rawValue) check (\(error.check.rawValue)): \(error.detail)",
                    type: Self.problemType, extensions: [("check", error.check.rawValue)]),
                reason: "\(error.check.rawValue): \(error.detail)")
        }
        let deliveryID = verified.deliveryID
        if verified.isPing {
            return Outcome(name: "ignored", reason: "ping", response: .json(.ok, Array(#"{"ignored":true,"reason":"ping"}"#.utf8)), deliveryID: deliveryID)
        }
        do {
            try TriggerHandler.checkContentType(request)
        } catch {
            throw Self.refusal("invalid", error, reason: error.detail, deliveryID: deliveryID)
        }
        let payload: JSONNode
        do {
            payload = try JSONParser().parse(request.body)
        } catch {
            throw Self.refusal(
                "invalid", HTTPError(.badRequest, detail: "The delivery is not valid JSON: \(error.description)", type: Self.problemType,
                    errors: [.init(pointer: "", detail: error.description)]), reason: "not JSON", deliveryID: deliveryID)
        }
        if scheme == .eventgrid { return try await deliverEvents(payload, webhook, definition, at: receivedAt) }
        return try await start(payload, deliveryID: deliveryID, webhook, definition, at: receivedAt)
    }

    /// A custom Event Grid topic: the subscription handshake, then each event of the (batched)
    /// delivery mapped on its own, its id the delivery id — one run per event, however often Event
    /// Grid delivers it. An event that cannot start a run is logged and skipped: retrying the batch
    /// would not change it, so the batch is acknowledged.
    private func deliverEvents(_ payload: JSONNode, _ webhook: WebhookRecord, _ definition: WebhookDefinition, at receivedAt: Date) async throws
        -> Outcome
    {
        guard let events = EventGridEvent.events(in: payload) else {
            throw Self.refusal(
                "invalid", HTTPError(.badRequest, detail: "Expected an Event Grid event array, or a CloudEvent (or an array of them).",
                    type: Self.problemType, errors: [.init(pointer: "", detail: "not an event or an array of events")]), reason: "not Event Grid events")
        }
        if let code = events.lazy.compactMap(\.validationCode).first {
            return Outcome(name: "ignored", reason: "Event Grid subscription validation", response: EventGridHandshake.validationAnswer(code: code))
        }
        var outcomes: [Outcome] = []
        for event in events {
            do {
                outcomes.append(try await start(event.node, deliveryID: event.id, webhook, definition, at: receivedAt))
            } catch let refused as Outcome {
                outcomes.append(refused)
            }
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("events")
        writer.beginArray()
        for outcome in outcomes {
            writer.beginObject()
            writer.writeKey("id")
            writer.writeString(outcome.deliveryID ?? "")
            writer.writeKey("outcome")
            writer.writeString(outcome.name)
            writer.writeKey("run_id")
            if let run = outcome.runID { writer.writeString(run) } else { writer.writeNull() }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return Outcome(name: "accepted", response: .json(.accepted, writer.bytes), events: outcomes)
    }

    /// From a verified JSON payload to a recorded run: the filter, the delivery id seen before, the
    /// templates, the pipeline's validator, then the durable record.
    private func start(_ payload: JSONNode, deliveryID: String?, _ webhook: WebhookRecord, _ definition: WebhookDefinition, at receivedAt: Date)
        async throws -> Outcome
    {
        if let filter = definition.filter, !Self.matches(filter, payload) {
            return Outcome(
                name: "ignored", reason: "filter \(filter.pointer) did not match", response: .json(.ok, Array(#"{"ignored":true}"#.utf8)),
                deliveryID: deliveryID)
        }
        let claim = deliveryID.map { IdempotencyClaim(scope: "webhook:\(webhook.id)", key: $0) }
        if let claim, let first = try await store.idempotencyRecord(scope: claim.scope, key: claim.key) {
            return try await duplicate(first, deliveryID: deliveryID)
        }
        let body = try Self.body(definition, payload, deliveryID: deliveryID)
        let target: ResolvedTarget
        do {
            target = try await backend.definitions.resolve(webhook.target(version: definition.pipelineVersion), backend: backend)
            try TriggerHandler.checkActive(target.definition)
        } catch let error as HTTPError where error.status == .conflict || (webhook.pipelineEndpointID != nil && error.status == .notFound) {
            // A disabled pipeline or endpoint, or an endpoint's version gone since the webhook was made.
            throw Self.refusal("invalid", error, reason: error.detail, deliveryID: deliveryID)
        }
        let pipeline = target.definition
        let problems = TriggerValidation.check(body, against: pipeline.interface)
        guard problems.isEmpty else {
            let mapped = problems.map { problem in
                ProblemDetails.FieldError(
                    pointer: problem.pointer.replacingOccurrences(of: "/ParameterAssignments", with: "/parameter_assignments")
                        .replacingOccurrences(of: "/DataPathAssignments", with: "/data_path_assignments"),
                    detail: problem.detail)
            }
            throw Self.refusal(
                "invalid", HTTPError(.unprocessableContent, title: "Unprocessable Content",
                    detail: "The mapped body does not fit the pipeline's declared parameters (\(problems.count) problem\(problems.count == 1 ? "" : "s")).",
                    type: Self.problemType, errors: mapped), reason: mapped.map { "\($0.pointer): \($0.detail)" }.joined(separator: "; "), deliveryID: deliveryID)
        }
        return try await record(body, webhook, target: target, claim: claim, deliveryID: deliveryID, at: receivedAt)
    }

    /// Records the run (and the delivery id, in the same transaction), answers 202 and forwards after.
    private func record(
        _ body: TriggerBody, _ webhook: WebhookRecord, target: ResolvedTarget, claim: IdempotencyClaim?, deliveryID: String?, at receivedAt: Date
    ) async throws -> Outcome {
        let id = RandomUUID.makeTimeOrdered()
        // Like an API trigger: what runs is the version the mapped body was validated against.
        let run = RunRecord(
            id: id, pipelineID: target.definition.pipeline.id, experimentName: body.experimentName, source: "webhook",
            pipelineEndpointID: target.endpointID, pipelineVersion: target.version, webhookID: webhook.id,
            deliveryID: deliveryID, status: RunState.submitting, parameterAssignments: body.parameterAssignmentsJSON,
            dataPathAssignments: body.dataPathAssignmentsJSON, continueOnStepFailure: body.continueRunOnStepFailure,
            submission: body.azureBody(gatewayRunID: id), createdAt: receivedAt)
        let idempotency = claim.map { IdempotencyRecord(scope: $0.scope, key: $0.key, fingerprint: [], runID: id, createdAt: receivedAt) }
        switch try await store.insertRun(run, idempotency: idempotency) {
        case .inserted: break
        case .duplicate(let first):
            return try await duplicate(first, deliveryID: deliveryID)
        }
        let response = HTTPResponse.json(.accepted, RunResource.json(run), headers: ["Location": "/v1/runs/\(id)"])
        if let claim { await ledger.remember(claim, status: response.status.code, body: response.body) }
        // Answered now; the ledger sends it once (and reconciliation settles it after a crash).
        ledger.forwardInBackground(run)
        return Outcome(name: "accepted", response: response, deliveryID: deliveryID, runID: id)
    }

    /// The first answer to this delivery id, byte for byte; nothing new is started.
    private func duplicate(_ first: IdempotencyRecord, deliveryID: String?) async throws -> Outcome {
        var headers = HTTPHeaders()
        headers.set("Idempotent-Replayed", "true")
        let response: HTTPResponse
        if let status = first.responseStatus, let body = first.responseBody {
            headers.set("Content-Type", "application/json; charset=utf-8")
            headers.set("Location", "/v1/runs/\(first.runID)")
            response = HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body)
        } else if let run = try await store.run(id: first.runID) {
            headers.set("Location", "/v1/runs/\(run.id)")
            response = .json(.accepted, RunResource.json(run), headers: headers)
        } else {
            response = .json(.accepted, Array("{\"id\":\"\(first.runID)\"}".utf8), headers: headers)
        }
        return Outcome(name: "duplicate", reason: "delivery id seen before (run \(first.runID))", response: response, deliveryID: deliveryID, runID: first.runID)
    }

    /// The Azure trigger body a payload maps to; a template that cannot be filled is a 422 naming it.
    static func body(_ definition: WebhookDefinition, _ payload: JSONNode, deliveryID: String?) throws -> TriggerBody {
        func fill(_ text: String, at pointer: String) throws -> String {
            let template: PayloadTemplate
            do {
                template = try PayloadTemplate(parsing: text)
            } catch {
                throw refusal("invalid", HTTPError(.internalServerError, detail: "A stored template no longer parses."), deliveryID: deliveryID)
            }
            do {
                switch try template.render(payload) {
                case .string(let value): return value
                case .number(let literal): return literal
                case .bool(let flag): return flag ? "True" : "False"
                default: return ""
                }
            } catch {
                let detail: String
                switch error {
                case .missing(let missing): detail = "Template '\(text)': the delivery has nothing at \(missing)."
                case .notScalar(let at, let kind): detail = "Template '\(text)': \(at) is \(kind), not a string, number or boolean."
                }
                throw refusal(
                    "invalid", HTTPError(.unprocessableContent, title: "Unprocessable Content", detail: detail, type: problemType,
                        errors: [.init(pointer: pointer, detail: detail)]), reason: "\(pointer): \(detail)", deliveryID: deliveryID)
            }
        }
        var parameters: [TriggerBody.Entry] = []
        for (name, text) in definition.parameterAssignments.sorted(by: { $0.key < $1.key }) {
            parameters.append(TriggerBody.Entry(name: name, value: try fill(text, at: "/parameter_assignments/" + JSONPointer.escape(name))))
        }
        var dataPaths: [TriggerBody.DataPathEntry] = []
        for (name, path) in definition.dataPathAssignments.sorted(by: { $0.key < $1.key }) {
            let pointer = "/data_path_assignments/" + JSONPointer.escape(name)
            dataPaths.append(TriggerBody.DataPathEntry(
                name: name, dataStoreName: try fill(path.dataStoreName, at: pointer + "/DataStoreName"),
                relativePath: try fill(path.relativePath, at: pointer + "/RelativePath")))
        }
        return TriggerBody(
            experimentName: definition.experimentName, parameterAssignments: parameters, dataPathAssignments: dataPaths,
            continueRunOnStepFailure: definition.continueOnStepFailure)
    }

    static func matches(_ filter: WebhookDefinition.Filter, _ payload: JSONNode) -> Bool {
        guard let pointer = try? JSONPointer(parsing: filter.pointer) else { return false }
        let values = filter.values.compactMap { try? JSONParser().parse(Array($0.utf8)) }
        return PayloadFilter(pointer: pointer, anyOf: values).matches(payload)
    }

    private static func refusal(_ name: String, _ error: HTTPError, reason: String? = nil, deliveryID: String? = nil) -> Outcome {
        let response = ProblemDetails(
            type: error.type, title: error.title ?? error.status.reasonPhrase, status: error.status.code, detail: error.detail,
            errors: error.errors, extensions: error.extensions
        ).response(headers: error.headers)
        return Outcome(name: name, reason: reason ?? error.detail, response: response, deliveryID: deliveryID)
    }
}
