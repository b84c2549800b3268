import AzureML
import Foundation
import HTTPServer
import Synchronization

/// A published pipeline with its declared interface: what a trigger is validated against.
struct PipelineDefinition: Sendable {
    var pipeline: PublishedPipeline
    var interface: PipelineInterface
}

/// Recently read pipeline definitions, answerable without suspending (DESIGN: definitions cached
/// briefly, refreshed on a miss and after a short TTL).
///
/// The lookup is synchronous on purpose: a dry run or a trigger whose definition is cached is
/// validated on the connection's event loop with no task hop. A status change made through the
/// gateway (enable/disable) drops the entry at once; one made elsewhere is seen within the TTL.
final class PipelineDefinitions: Sendable {
    private let ttl: TimeInterval
    private let entries = Mutex<[String: (definition: PipelineDefinition, storedAt: TimeInterval)]>([:])
    private let now: @Sendable () -> TimeInterval

    init(ttl: TimeInterval = 30, now: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        self.ttl = ttl
        self.now = now
    }

    /// The cached definition, if fresh.
    func cached(_ pipelineID: String) -> PipelineDefinition? {
        let time = now()
        return entries.withLock { entries in
            guard let entry = entries[pipelineID], time - entry.storedAt < ttl else { return nil }
            return entry.definition
        }
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
        let time = now()
        entries.withLock { entries in
            entries[pipelineID] = (definition, time)
            if entries.count > 10_000 { entries = entries.filter { time - $0.value.storedAt < ttl } }
        }
        return definition
    }

    func forget(_ pipelineID: String) {
        _ = entries.withLock { $0.removeValue(forKey: pipelineID) }
    }
}
