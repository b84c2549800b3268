import Foundation
import HTTPServer
import JSON
import Observability
import Storage
import Webhooks

/// `/v1/webhooks`: webhooks, their write-only secrets and their delivery log (admin to change, reader
/// to read; secrets are never shown after the answer that made them).
struct WebhookRoutes: Sendable {
    let store: any Store
    let backend: AzureMLBackend
    let publicURL: String
    let logger: Logger

    static let problemType = "https://pipeline-gateway.dev/problems/invalid-webhook"

    func register(on router: inout Router) {
        let routes = self
        router.on(.POST, "/v1/webhooks", async: { request in try await routes.create(request) })
        router.on(.GET, "/v1/webhooks", async: { request in try await routes.list(request) })
        router.on(.GET, "/v1/webhooks/{id}", async: { request in
            let (record, definition) = try await routes.existing(request)
            return try await routes.answer(.ok, record, definition)
        })
        router.on(.PATCH, "/v1/webhooks/{id}", async: { request in try await routes.update(request) })
        router.on(.DELETE, "/v1/webhooks/{id}", async: { request in try await routes.delete(request) })
        router.on(.POST, "/v1/webhooks/{id}/secrets", async: { request in try await routes.addSecret(request) })
        router.on(.DELETE, "/v1/webhooks/{id}/secrets/{hint}", async: { request in try await routes.removeSecret(request) })
        router.on(.GET, "/v1/webhooks/{id}/deliveries", async: { request in try await routes.deliveries(request) })
    }

    func create(_ request: HTTPRequest) async throws -> HTTPResponse {
        try TriggerHandler.checkContentType(request)
        let parsed = try Self.parsed(WebhookRequest.parse(request.body), what: "webhook")
        try await checkPipeline(parsed)
        let now = Date()
        // A webhook without a given secret gets one; generated secrets are shown in this answer only.
        let generated = parsed.secrets == nil ? [WebhookSecret.generate()] : []
        let secrets = (parsed.secrets ?? []) + generated
        var record = WebhookRecord(
            id: RandomUUID.make(), name: parsed.name, pipelineID: "", status: parsed.status, scheme: parsed.scheme.rawValue,
            definition: parsed.definition.encoded(), createdBy: request.principal, updatedBy: request.principal, createdAt: now)
        record.aim(at: parsed.target)
        try await store.insertWebhook(record, secrets: secrets.map { Self.stored($0, at: now) })
        logger.info("webhook created", ["webhook_id": .string(record.id), "by": .string(request.principal ?? "-"), "scheme": .string(record.scheme)])
        var response = try await answer(.created, record, parsed.definition, shownSecrets: generated.isEmpty ? nil : generated.map(\.value))
        response.headers.set("Location", "/v1/webhooks/\(record.id)")
        return response
    }

    func list(_ request: HTTPRequest) async throws -> HTTPResponse {
        let page = try await store.webhooks(limit: try ListQuery.limit(request), cursor: try ListQuery.sequenceCursor(request))
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("items")
        writer.beginArray()
        for record in page.items {
            guard let definition = WebhookDefinition.decode(record.definition) else { continue }
            let hints = try await store.webhookSecrets(webhookID: record.id).map(\.hint)
            WebhookResource.write(record, definition, hints: hints, publicURL: publicURL, into: &writer)
        }
        writer.endArray()
        writer.writeKey("next_cursor")
        if let cursor = page.nextCursor { writer.writeString(ListQuery.encodeSequence(cursor)) } else { writer.writeNull() }
        writer.endObject()
        return .json(.ok, writer.bytes)
    }

    /// `PATCH`: a JSON merge patch over the create fields, validated whole, applied only if `If-Match`
    /// (when sent) names the stored version. `secrets` in a patch replaces the whole set.
    func update(_ request: HTTPRequest) async throws -> HTTPResponse {
        try TriggerHandler.checkContentType(request)
        let (record, definition) = try await existing(request)
        let patch = try MergePatchRequest.patch(request, problemType: Self.problemType)
        try MergePatchRequest.checkIfMatch(request, etag: WebhookResource.etag(record), resource: "webhook")
        guard let current = WebhookResource.createBody(record, definition) else {
            throw HTTPError(.internalServerError, detail: "The stored webhook could not be read.")
        }
        let parsed = try Self.parsed(WebhookRequest.parse(MergePatch.apply(patch, to: current)), what: "patched webhook")
        if parsed.scheme.rawValue != record.scheme, parsed.secrets == nil {
            throw HTTPError(
                .unprocessableContent, title: "Unprocessable Content", detail: "A new scheme needs new secrets: send 'secrets' with it.",
                type: Self.problemType, errors: [.init(pointer: "/secrets", detail: "required when 'scheme' changes")])
        }
        try await checkPipeline(parsed)
        var changed = record
        changed.name = parsed.name
        changed.aim(at: parsed.target)
        changed.status = parsed.status
        changed.scheme = parsed.scheme.rawValue
        changed.definition = parsed.definition.encoded()
        changed.updatedBy = request.principal
        changed.updatedAt = Date()
        let secrets = parsed.secrets.map { $0.map { Self.stored($0, at: changed.updatedAt) } }
        switch try await store.replaceWebhook(changed, secrets: secrets, expectedVersion: record.version) {
        case .updated(let stored):
            logger.info("webhook updated", ["webhook_id": .string(stored.id), "by": .string(request.principal ?? "-")])
            return try await answer(.ok, stored, parsed.definition)
        case .stale(let current):
            throw HTTPError(
                .preconditionFailed, detail: "The webhook changed meanwhile (now version \(WebhookResource.etag(current))); read it again and retry.",
                headers: ["ETag": WebhookResource.etag(current)])
        case .notFound:
            throw Self.notFound(record.id)
        }
    }

    func delete(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard try await store.deleteWebhook(id: id) else { throw Self.notFound(id) }
        logger.info("webhook deleted", ["webhook_id": .string(id), "by": .string(request.principal ?? "-")])
        return HTTPResponse(status: .noContent)
    }

    /// Adds a secret (given as `{"secret": "…"}`, or generated) for rotation; it is shown in this answer only.
    func addSecret(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (record, _) = try await existing(request)
        let scheme = WebhookScheme(rawValue: record.scheme) ?? .standard
        var secret = WebhookSecret.generate()
        if !request.body.isEmpty {
            try TriggerHandler.checkContentType(request)
            let body = try? JSONParser().parse(request.body)
            switch body?["secret"] {
            case .some(.string(let text)):
                do {
                    secret = try WebhookSecret(text, for: scheme)
                } catch {
                    throw HTTPError(.unprocessableContent, title: "Unprocessable Content", detail: error.message, type: Self.problemType,
                        errors: [.init(pointer: "/secret", detail: error.message)])
                }
            case .none where body?.objectMembers?.isEmpty == true: break
            default:
                throw HTTPError(.badRequest, detail: "Send {\"secret\": \"…\"}, {} or no body (a secret is then generated).", type: Self.problemType,
                    errors: [.init(pointer: "/secret", detail: "must be a string")])
            }
        }
        switch try await store.addWebhookSecret(webhookID: record.id, Self.stored(secret, at: Date()), limit: WebhookRequest.maxSecrets) {
        case .changed(let secrets):
            logger.info("webhook secret added", ["webhook_id": .string(record.id), "hint": .string(secret.hint)])
            var writer = JSONWriter()
            writer.beginObject()
            writer.writeKey("hint")
            writer.writeString(secret.hint)
            writer.writeKey("secret")
            writer.writeString(secret.value)
            writer.writeKey("secret_hints")
            writer.beginArray()
            for stored in secrets { writer.writeString(stored.hint) }
            writer.endArray()
            writer.endObject()
            return .json(.created, writer.bytes)
        case .tooMany(let limit):
            throw HTTPError(
                .unprocessableContent, title: "Unprocessable Content",
                detail: "The webhook already has \(limit) secrets; retire one (DELETE /v1/webhooks/\(record.id)/secrets/{hint}) first.",
                type: Self.problemType, errors: [.init(pointer: "/secret", detail: "at most \(limit) secrets")])
        case .notFound: throw Self.notFound(record.id)
        case .lastSecret, .unknownSecret: throw HTTPError(.internalServerError, detail: "unexpected outcome")
        }
    }

    func removeSecret(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        let hint = request.pathParameters["hint"] ?? ""
        switch try await store.removeWebhookSecret(webhookID: id, hint: hint) {
        case .changed:
            logger.info("webhook secret retired", ["webhook_id": .string(id), "hint": .string(hint)])
            return HTTPResponse(status: .noContent)
        case .lastSecret:
            throw HTTPError(.conflict, detail: "This is the webhook's last secret; add its successor first, so deliveries can still be verified.")
        case .unknownSecret:
            throw HTTPError(.notFound, detail: "Webhook '\(id)' has no secret with hint '\(hint)'.")
        case .notFound, .tooMany:
            throw Self.notFound(id)
        }
    }

    func deliveries(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (record, _) = try await existing(request)
        let page = try await store.deliveries(webhookID: record.id, limit: try ListQuery.limit(request), cursor: try ListQuery.sequenceCursor(request))
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("items")
        writer.beginArray()
        for delivery in page.items {
            writer.beginObject()
            writer.writeKey("received_at")
            writer.writeString(rfc3339UTC(delivery.receivedAt))
            for (key, value) in [("delivery_id", delivery.deliveryID), ("outcome", delivery.outcome), ("reason", delivery.reason), ("run_id", delivery.runID)] {
                writer.writeKey(key)
                if let value { writer.writeString(value) } else { writer.writeNull() }
            }
            writer.writeKey("status")
            writer.writeNumber(literal: String(delivery.status))
            writer.endObject()
        }
        writer.endArray()
        writer.writeKey("next_cursor")
        if let cursor = page.nextCursor { writer.writeString(ListQuery.encodeSequence(cursor)) } else { writer.writeNull() }
        writer.endObject()
        return .json(.ok, writer.bytes)
    }

    // MARK: Helpers

    func existing(_ request: HTTPRequest) async throws -> (WebhookRecord, WebhookDefinition) {
        let id = request.pathParameters["id"] ?? ""
        guard let record = try await store.webhook(id: id) else { throw Self.notFound(id) }
        guard let definition = WebhookDefinition.decode(record.definition) else {
            throw HTTPError(.internalServerError, detail: "Webhook '\(id)' is stored in a form this gateway cannot read.")
        }
        return (record, definition)
    }

    func answer(_ status: HTTPStatus, _ record: WebhookRecord, _ definition: WebhookDefinition, shownSecrets: [String]? = nil) async throws
        -> HTTPResponse
    {
        let hints = try await store.webhookSecrets(webhookID: record.id).map(\.hint)
        var writer = JSONWriter()
        WebhookResource.write(record, definition, hints: hints, publicURL: publicURL, shownSecrets: shownSecrets, into: &writer)
        return .json(status, writer.bytes, headers: ["ETag": WebhookResource.etag(record)])
    }

    /// The pipeline (or the endpoint's chosen version's pipeline) must exist and be active, and
    /// declare every parameter the webhook assigns: a typo is caught now, not at the first delivery.
    func checkPipeline(_ parsed: WebhookRequest) async throws {
        let pipeline = try await backend.definitions.resolve(parsed.target, backend: backend, versionPointer: "/pipeline_version").definition
        try TriggerHandler.checkActive(pipeline)
        var problems: [ProblemDetails.FieldError] = []
        let parameters = Set(pipeline.interface.parameters.map(\.name))
        let dataPaths = Set(pipeline.interface.dataPathParameters.map(\.name))
        for name in parsed.definition.parameterAssignments.keys.sorted() where !parameters.contains(name) {
            problems.append(.init(
                pointer: "/parameter_assignments/" + JSONPointer.escape(name),
                detail: "The pipeline declares no parameter '\(name)'; declared: \(parameters.sorted().joined(separator: ", "))."))
        }
        for name in parsed.definition.dataPathAssignments.keys.sorted() where !dataPaths.contains(name) {
            problems.append(.init(
                pointer: "/data_path_assignments/" + JSONPointer.escape(name),
                detail: "The pipeline declares no DataPath parameter '\(name)'; declared: \(dataPaths.sorted().joined(separator: ", "))."))
        }
        guard problems.isEmpty else {
            throw HTTPError(
                .unprocessableContent, title: "Unprocessable Content", detail: "The webhook assigns parameters the pipeline does not declare.",
                type: Self.problemType, errors: problems)
        }
    }

    static func parsed(_ result: Result<WebhookRequest, ScheduleRequestProblems>, what: String) throws -> WebhookRequest {
        switch result {
        case .success(let value): return value
        case .failure(let failure): throw failure.error(what, type: problemType)
        }
    }

    static func stored(_ secret: WebhookSecret, at date: Date) -> WebhookSecretRecord {
        WebhookSecretRecord(hint: secret.hint, value: secret.value, createdAt: date)
    }

    static func notFound(_ id: String) -> HTTPError {
        HTTPError(.notFound, detail: "There is no webhook '\(id)'.")
    }
}
