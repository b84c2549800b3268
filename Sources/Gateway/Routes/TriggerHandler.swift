import AzureML
import Foundation
import HTTPServer
import Observability
import Storage

/// Every trigger path — `POST /v1/pipelines/{pipeline_id}/runs`, `POST /v1/pipeline-endpoints/{endpoint_id}/runs`
/// and Azure's own `PipelineSubmit` and `PipelineEndpointSubmit` paths — shares every rule (DESIGN
/// "Trigger validation"); an endpoint's body is checked against its chosen version's pipeline. They
/// differ only in how they answer: the gateway's run and problem+json, or Azure's PipelineRun entity
/// and error shape.
struct TriggerHandler: Sendable {
    enum Shape: String, Sendable {
        case v1
        case azure
    }

    let ledger: RunLedger
    let backend: AzureMLBackend

    /// Validates synchronously as far as the cached definitions allow, so a dry run or a refusal of a
    /// cached pipeline never leaves the event loop; forwarding runs as `.later` work.
    func handle(_ request: HTTPRequest, shape: Shape) throws -> HTTPReply {
        let target = try Self.target(request, shape: shape)
        if shape == .azure { try checkWorkspace(request) }
        let dryRun = try Self.dryRun(request, shape: shape)
        let idempotency = try Self.idempotency(request)
        try Self.checkContentType(request)
        let body = try Self.parse(request.body)
        if let resolved = try backend.definitions.cached(target) {
            return try respond(request, body: body, target: resolved, shape: shape, dryRun: dryRun, idempotency: idempotency)
        }
        let handler = self
        return .later {
            let resolved = try await handler.backend.definitions.resolve(target, backend: handler.backend)
            switch try handler.respond(request, body: body, target: resolved, shape: shape, dryRun: dryRun, idempotency: idempotency) {
            case .now(let response): return response
            case .later(let work): return try await work()
            }
        }
    }

    /// A new run with the same body as `run` (`POST /v1/runs/{id}/retry`).
    func retry(_ run: RunRecord) async throws -> HTTPResponse {
        // The pipeline (or endpoint) may have been disabled since: refuse as a new trigger would, before Azure does.
        let target = try await backend.definitions.resolve(run.submitTarget, backend: backend)
        try Self.checkActive(target.definition)
        let body: TriggerBody
        switch TriggerValidation.parse(run.submission) {
        case .success(let parsed): body = parsed
        case .failure:
            throw HTTPError(.conflict, detail: "Run '\(run.id)' has no resendable body recorded.")
        }
        var trigger = Self.request(body, target: target, source: run.source, shape: .v1)
        trigger.scheduleID = run.scheduleID
        trigger.scheduledTime = run.scheduledTime
        trigger.triggerFile = run.triggerFile
        trigger.webhookID = run.webhookID
        let outcome = try await ledger.trigger(trigger, idempotency: nil)
        return await answer(outcome, shape: .v1, claim: nil)
    }

    private func respond(
        _ request: HTTPRequest, body: TriggerBody, target: ResolvedTarget, shape: Shape, dryRun: Bool, idempotency: String?
    ) throws -> HTTPReply {
        let definition = target.definition
        try Self.checkActive(definition)
        let problems = TriggerValidation.check(body, against: definition.interface)
        guard problems.isEmpty else {
            throw HTTPError(
                .unprocessableContent, title: "Unprocessable Content",
                detail: "The body does not fit the published pipeline's declared parameters (\(problems.count) problem\(problems.count == 1 ? "" : "s")).",
                type: TriggerProblems.type, errors: problems.map { .init(pointer: $0.pointer, detail: $0.detail) })
        }
        if dryRun {
            var out: [UInt8] = Array(#"{"valid":true,"would_send":"#.utf8)
            out += body.azureBody(gatewayRunID: RandomUUID.make())
            out.append(UInt8(ascii: "}"))
            return .now(.json(.ok, out))
        }
        let trigger = Self.request(body, target: target, source: shape == .v1 ? "api" : "azure_path", shape: shape)
        let claim = idempotency.map { IdempotencyClaim(scope: request.principal ?? "anonymous", key: $0) }
        let ledger = ledger
        let handler = self
        return .later {
            let outcome = try await ledger.trigger(trigger, idempotency: claim)
            return await handler.answer(outcome, shape: shape, claim: claim)
        }
    }

    /// Turns an outcome into the answer of `shape`, remembering it for the idempotency key.
    private func answer(_ outcome: TriggerOutcome, shape: Shape, claim: IdempotencyClaim?) async -> HTTPResponse {
        let response: HTTPResponse
        switch outcome {
        case .accepted(let run):
            switch shape {
            case .v1:
                response = .json(.accepted, RunResource.json(run), headers: ["Location": "/v1/runs/\(run.id)"])
            case .azure:
                response = .json(.ok, AzureRunEntity.json(run))
            }
        case .refused(let run, let error):
            response = render(Self.upstream(error, run: run, unresolved: false), shape: shape)
        case .unresolved(let run, let error):
            // Not remembered: once the run is settled, a repeat is answered from it.
            return render(Self.upstream(error, run: run, unresolved: true), shape: shape)
        case .replay(let status, let body, let runID):
            var headers = HTTPHeaders()
            headers.set("Content-Type", status < 400 || shape == .azure ? "application/json; charset=utf-8" : HTTPResponse.problemContentType)
            if status == 202 && shape == .v1 { headers.set("Location", "/v1/runs/\(runID)") }
            headers.set("Idempotent-Replayed", "true")
            return HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body)
        case .inFlight(let runID):
            return render(HTTPError(
                .conflict, detail: "A request with this Idempotency-Key is still being answered (run '\(runID)'); retry shortly.",
                headers: ["Retry-After": "1"], extensions: [("run_id", runID)]), shape: shape)
        case .keyReused:
            return render(HTTPError(
                .unprocessableContent, title: "Unprocessable Content",
                detail: "This Idempotency-Key was already used with a different request; use a new key for a new request."), shape: shape)
        }
        await ledger.remember(claim, status: response.status.code, body: response.body)
        return response
    }

    private func render(_ error: HTTPError, shape: Shape) -> HTTPResponse {
        switch shape {
        case .v1:
            ProblemDetails(
                type: error.type, title: error.title ?? error.status.reasonPhrase, status: error.status.code, detail: error.detail,
                errors: error.errors, extensions: error.extensions
            ).response(headers: error.headers)
        case .azure:
            AzureErrorBody.response(error)
        }
    }

    /// Azure's failure as the caller's problem, naming the ledger run so it can be followed.
    static func upstream(_ error: AzureMLError, run: RunRecord, unresolved: Bool) -> HTTPError {
        let missing = run.pipelineEndpointID.map { "Azure ML has no pipeline endpoint '\($0)' (or not its version \(run.pipelineVersion ?? "default"))." }
        var problem = UpstreamProblem.error(error, notFound: missing ?? "Azure ML has no published pipeline '\(run.pipelineID)'.")
        problem.extensions.insert(("run_id", run.id), at: 0)
        problem.headers.set("Location", "/v1/runs/\(run.id)")
        if unresolved {
            problem.detail += " Whether Azure ML started the run is not known yet; the gateway settles it by its tag (run '\(run.id)') and never submits it twice."
        }
        return problem
    }

    static func request(_ body: TriggerBody, target: ResolvedTarget, source: String, shape: Shape) -> TriggerRequest {
        // A pipeline's fingerprint is as it always was, so keys stored before endpoints keep matching.
        let endpoint = target.endpointID.map { "endpoint \($0) version \(target.version ?? "") " } ?? ""
        var request = TriggerRequest(
            pipelineID: target.definition.pipeline.id, experimentName: body.experimentName, source: source,
            parameterAssignments: body.parameterAssignmentsJSON, dataPathAssignments: body.dataPathAssignmentsJSON,
            continueOnStepFailure: body.continueRunOnStepFailure, encodeBody: { body.azureBody(gatewayRunID: $0) },
            fingerprint: Array("\(shape.rawValue) \(target.definition.pipeline.id) \(endpoint)".utf8) + body.fingerprint.canonicalBytes)
        request.pipelineEndpointID = target.endpointID
        request.pipelineVersion = target.version
        return request
    }

    /// What the path names: a published pipeline, or a pipeline endpoint with the version chosen by
    /// `?version=` (`/v1`) or by the path segment and `?pipelineVersion=` (Azure's path, as the 1.62
    /// SDK sends both; they must agree). No version: the endpoint's default.
    static func target(_ request: HTTPRequest, shape: Shape) throws(HTTPError) -> SubmitTarget {
        guard let endpointID = request.pathParameters["endpoint_id"] else { return .pipeline(id: request.pathParameters["pipeline_id"] ?? "") }
        func given(_ name: String) throws(HTTPError) -> String? {
            guard let text = request.query(name) else { return nil }
            guard !text.isEmpty else { throw QueryProblem.invalid(name, "must name a version of the endpoint") }
            return text
        }
        switch shape {
        case .v1:
            return .endpoint(id: endpointID, version: try given("version"))
        case .azure:
            let inPath = request.pathParameters["version"]
            let inQuery = try given("pipelineVersion")
            if let inPath, let inQuery, inPath != inQuery {
                throw QueryProblem.invalid("pipelineVersion", "names version '\(inQuery)' but the path names '\(inPath)'")
            }
            return .endpoint(id: endpointID, version: inPath ?? inQuery)
        }
    }

    // MARK: Request checks

    /// Azure's path names a workspace; the gateway serves one, and a call meant for another must not
    /// start a run in this one. Azure compares resource names case-insensitively, and so does this.
    func checkWorkspace(_ request: HTTPRequest) throws(HTTPError) {
        guard let served = backend.workspace else { return }
        let named = (
            request.pathParameters["subscription_id"] ?? "", request.pathParameters["resource_group"] ?? "",
            request.pathParameters["workspace"] ?? ""
        )
        guard named.0.lowercased() == served.subscriptionID.lowercased(), named.1.lowercased() == served.resourceGroup.lowercased(),
            named.2.lowercased() == served.workspaceName.lowercased()
        else {
            throw HTTPError(
                .notFound,
                detail: "This gateway serves workspace '\(served.workspaceName)' (resource group '\(served.resourceGroup)', "
                    + "subscription '\(served.subscriptionID)'); the path names another.")
        }
    }

    static func checkActive(_ definition: PipelineDefinition) throws(HTTPError) {
        let status = definition.pipeline.status.name
        guard status == "Active" else {
            throw HTTPError(.conflict, detail: "Pipeline '\(definition.pipeline.id)' is \(status); enable it before triggering runs.")
        }
    }

    static func checkContentType(_ request: HTTPRequest) throws(HTTPError) {
        let value = request.headers["Content-Type"] ?? ""
        guard isJSONMediaType(value) else {
            throw HTTPError(
                .unsupportedMediaType,
                detail: value.isEmpty ? "Send the body as JSON with 'Content-Type: application/json'." : "Content-Type '\(value)' is not JSON; send application/json.",
                headers: ["Accept-Post": "application/json"])
        }
    }

    /// `application/json` or any `application/…+json` (the SDK sends `application/json-patch+json`),
    /// parameters ignored, case-insensitive; checked on bytes because it runs for every trigger.
    static func isJSONMediaType(_ value: String) -> Bool {
        var mediaType = value.utf8.prefix { $0 != UInt8(ascii: ";") }[...]
        while let last = mediaType.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { mediaType = mediaType.dropLast() }
        while let first = mediaType.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { mediaType = mediaType.dropFirst() }
        let lowered = mediaType.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
        let application = Array("application/".utf8)
        let suffix = Array("+json".utf8)
        if lowered.elementsEqual("application/json".utf8) { return true }
        return lowered.count > application.count + suffix.count && lowered.starts(with: application) && lowered.suffix(suffix.count).elementsEqual(suffix)
    }

    static func dryRun(_ request: HTTPRequest, shape: Shape) throws(HTTPError) -> Bool {
        guard shape == .v1, let text = request.query("dry_run") else { return false }
        // An empty `dry_run=` is refused, not read as false: a caller who meant a dry run must not
        // start a real one.
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw QueryProblem.invalid("dry_run", "must be true or false")
        }
    }

    static func idempotency(_ request: HTTPRequest) throws(HTTPError) -> String? {
        guard let key = request.headers["Idempotency-Key"] else { return nil }
        guard IdempotencyClaim.validate(key) else {
            throw HTTPError(
                .badRequest, detail: "Header 'Idempotency-Key' must be 1 to 255 printable ASCII characters.",
                type: TriggerProblems.type, extensions: [("header", "Idempotency-Key")])
        }
        return key
    }

    static func parse(_ bytes: [UInt8]) throws(HTTPError) -> TriggerBody {
        switch TriggerValidation.parse(bytes) {
        case .success(let body):
            return body
        case .failure(.malformed(let problem)):
            throw HTTPError(.badRequest, detail: problem.detail, type: TriggerProblems.type, errors: [.init(pointer: problem.pointer, detail: problem.detail)])
        case .failure(.invalid(let problems)):
            throw HTTPError(
                .badRequest,
                detail: "The body is not a valid submission (\(problems.count) problem\(problems.count == 1 ? "" : "s")).",
                type: TriggerProblems.type, errors: problems.map { .init(pointer: $0.pointer, detail: $0.detail) })
        }
    }
}

enum TriggerProblems {
    static let type = "https://pipeline-gateway.dev/problems/invalid-trigger"
}
