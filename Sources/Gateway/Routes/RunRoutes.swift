import AzureML
import Foundation
import HTTPServer
import Storage

/// `/v1/runs`: the ledger of every submission the gateway made, with Azure's status kept fresh on read.
enum RunRoutes {
    static let sources: Set<String> = ["api", "azure_path", "schedule", "datastore", "webhook"]

    static func register(on router: inout Router, ledger: RunLedger, trigger: TriggerHandler) {
        router.on(.GET, "/v1/runs", async: { request in try await list(request, ledger: ledger) })
        router.on(.GET, "/v1/runs/{run_id}", async: { request in
            let run = try await existing(request, ledger: ledger)
            return .json(.ok, RunResource.json(await refreshed(run, ledger: ledger)))
        })
        router.on(.POST, "/v1/runs/{run_id}/cancel", async: { request in try await cancel(request, ledger: ledger) })
        router.on(.POST, "/v1/runs/{run_id}/retry", async: { request in
            try await trigger.retry(try await existing(request, ledger: ledger))
        })
    }

    static func list(_ request: HTTPRequest, ledger: RunLedger) async throws -> HTTPResponse {
        let limit = try ListQuery.limit(request)
        let cursor = try ListQuery.sequenceCursor(request)
        let source = request.query("source")
        if let source, !sources.contains(source) {
            throw QueryProblem.invalid("source", "must be one of \(sources.sorted().joined(separator: ", "))")
        }
        let filter = RunFilter(
            pipelineID: nonEmpty(request.query("pipeline_id")), scheduleID: nonEmpty(request.query("schedule_id")), source: source,
            status: nonEmpty(request.query("status")), pipelineEndpointID: nonEmpty(request.query("pipeline_endpoint_id")))
        let page = try await ledger.store.runs(filter, limit: limit, cursor: cursor)
        return .json(.ok, RunResource.list(page.items, nextCursor: page.nextCursor.map(ListQuery.encodeSequence)))
    }

    static func existing(_ request: HTTPRequest, ledger: RunLedger) async throws -> RunRecord {
        let id = request.pathParameters["run_id"] ?? ""
        guard let run = try await ledger.store.run(id: id) else {
            throw HTTPError(.notFound, detail: "No run with id '\(id)' in the ledger.")
        }
        return run
    }

    /// The run with Azure's latest status when it is not final; a failing refresh shows the stored one.
    static func refreshed(_ run: RunRecord, ledger: RunLedger) async -> RunRecord {
        (try? await ledger.refresh(run)) ?? run
    }

    static func cancel(_ request: HTTPRequest, ledger: RunLedger) async throws -> HTTPResponse {
        let run = try await existing(request, ledger: ledger)
        guard !RunState.isFinal(run.status) else {
            throw HTTPError(.conflict, detail: "Run '\(run.id)' has already ended (\(run.status)); there is nothing to cancel.")
        }
        guard let azureRunID = run.azureRunID else {
            throw HTTPError(.conflict, detail: "Run '\(run.id)' has not been accepted by Azure ML yet; cancel it once it has an azure_run_id.")
        }
        do {
            try await ledger.backendClient().cancelRun(id: azureRunID)
        } catch let error as AzureMLError {
            throw UpstreamProblem.error(error, notFound: "Azure ML has no run '\(azureRunID)'.")
        }
        return .json(.ok, RunResource.json(await refreshed(run, ledger: ledger)))
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
