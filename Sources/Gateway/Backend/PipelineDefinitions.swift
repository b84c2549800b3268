import AzureML
import Foundation
import HTTPServer

/// A published pipeline with its declared interface: what a trigger is validated against.
struct PipelineDefinition: Sendable {
    var pipeline: PublishedPipeline
    var interface: PipelineInterface
}

/// Recently read pipeline definitions and pipeline endpoints, answerable without suspending
/// (DESIGN: definitions cached briefly, refreshed on a miss and after a short TTL).
///
/// The lookup is synchronous on purpose: a dry run or a trigger whose definition is cached is
/// validated on the connection's event loop with no task hop. A status change made through the
/// gateway (enable/disable) drops the entry at once; one made elsewhere — or an endpoint's new
/// default version — is seen within the TTL.
final class PipelineDefinitions: Sendable {
    private let definitions: ExpiringCache<PipelineDefinition>
    let endpoints: ExpiringCache<PipelineEndpoint>

    init(ttl: TimeInterval = 30, now: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        definitions = ExpiringCache(ttl: ttl, now: now)
        endpoints = ExpiringCache(ttl: ttl, now: now)
    }

    /// The cached definition, if fresh.
    func cached(_ pipelineID: String) -> PipelineDefinition? {
        definitions.value(pipelineID)
    }

    /// The definition, read from Azure ML when not cached; a pipeline Azure does not know is a 404.
    func definition(_ pipelineID: String, backend: AzureMLBackend) async throws -> PipelineDefinition {
        if let cached = cached(pipelineID) { return cached }
        let client = try backend.client()
        let pipeline: PublishedPipeline
        do {
            pipeline = try await client.pipeline(id: pipelineID)
        } catch {
            throw UpstreamProblem.error(error, notFound: "No published pipeline with id '\(pipelineID)' in the workspace.")
        }
        let interface = try await PipelineRoutes.interface(of: pipeline, client: client, backend: backend)
        let definition = PipelineDefinition(pipeline: pipeline, interface: interface)
        definitions.store(definition, for: pipelineID)
        return definition
    }

    func forget(_ pipelineID: String) {
        definitions.forget(pipelineID)
    }

    /// The endpoint, read from Azure ML when not cached; an endpoint Azure does not know is a 404.
    func endpoint(_ id: String, backend: AzureMLBackend) async throws -> PipelineEndpoint {
        if let cached = endpoints.value(id) { return cached }
        let client = try backend.client()
        let endpoint: PipelineEndpoint
        do {
            endpoint = try await client.pipelineEndpoint(id: id)
        } catch {
            throw UpstreamProblem.error(error, notFound: "No pipeline endpoint with id '\(id)' in the workspace.")
        }
        endpoints.store(endpoint, for: id)
        return endpoint
    }
}
