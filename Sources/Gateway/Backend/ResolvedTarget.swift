import AzureML
import HTTPServer

/// What a trigger, schedule or webhook names, looked up: the published pipeline whose declared
/// parameters the body must fit — the pipeline itself, or the chosen version of a pipeline endpoint.
struct ResolvedTarget: Sendable {
    var definition: PipelineDefinition
    /// The endpoint and the version chosen (pinned, or the default at lookup); nil for a pipeline.
    /// A trigger records both, so the ledger sends the run to the version that was validated and what
    /// runs is what was checked, even if the default changes in between.
    var endpointID: String?
    var version: String?

    /// The endpoint's version a submission runs. Only an Active endpoint takes runs (409 otherwise,
    /// like a disabled pipeline). An unknown version is a 404 — on a trigger it is addressed like a
    /// sub-resource (`?version=`, or a path segment on Azure's path) — or, when `versionPointer`
    /// names the body field that chose it (schedules, webhooks), a 422 at that pointer.
    static func version(
        of endpoint: PipelineEndpoint, _ version: String?, versionPointer: String? = nil
    ) throws(HTTPError) -> PipelineEndpoint.Version {
        guard endpoint.status == .active else {
            throw HTTPError(.conflict, detail: "Pipeline endpoint '\(endpoint.id)' is \(endpoint.status.name); enable it before triggering runs.")
        }
        if let chosen = endpoint.version(version) { return chosen }
        let known = endpoint.versions.map(\.version).joined(separator: ", ")
        let detail = version.map { "Pipeline endpoint '\(endpoint.id)' has no version '\($0)'; its versions: \(known)." }
            ?? "Pipeline endpoint '\(endpoint.id)' has no default version to run; name one of its versions: \(known)."
        guard let versionPointer else { throw HTTPError(.notFound, detail: detail, extensions: [("versions", known)]) }
        throw HTTPError(
            .unprocessableContent, title: "Unprocessable Content", detail: detail, errors: [.init(pointer: versionPointer, detail: detail)])
    }
}

extension PipelineDefinitions {
    /// The target resolved from cached lookups alone; nil when something must be read first. Throws
    /// when the cached endpoint already refuses (disabled, no such version).
    func cached(_ target: SubmitTarget) throws(HTTPError) -> ResolvedTarget? {
        switch target {
        case .pipeline(let id):
            return cached(id).map { ResolvedTarget(definition: $0) }
        case .endpoint(let id, let version):
            guard let endpoint = endpoints.value(id) else { return nil }
            let chosen = try ResolvedTarget.version(of: endpoint, version)
            return cached(chosen.pipelineID).map { ResolvedTarget(definition: $0, endpointID: id, version: chosen.version) }
        }
    }

    /// The target resolved, reading what is not cached from Azure ML.
    func resolve(_ target: SubmitTarget, backend: AzureMLBackend, versionPointer: String? = nil) async throws -> ResolvedTarget {
        switch target {
        case .pipeline(let id):
            return ResolvedTarget(definition: try await definition(id, backend: backend))
        case .endpoint(let id, let version):
            let chosen = try ResolvedTarget.version(of: try await endpoint(id, backend: backend), version, versionPointer: versionPointer)
            return ResolvedTarget(definition: try await definition(chosen.pipelineID, backend: backend), endpointID: id, version: chosen.version)
        }
    }
}
