import AzureML
import Foundation

/// Declared parameters per graph, kept briefly (DESIGN: 60 s): every trigger validates against them,
/// and a published pipeline's interface never changes, so a short cache saves a round trip per call
/// while a re-published pipeline (new graph id) is seen at once.
actor InterfaceCache {
    private let ttl: Duration
    private var entries: [String: (interface: PipelineInterface, storedAt: ContinuousClock.Instant)] = [:]

    init(ttl: Duration) {
        self.ttl = ttl
    }

    func interface(graphID: String, fetch: @Sendable () async throws(AzureMLError) -> PipelineInterface) async throws(AzureMLError) -> PipelineInterface {
        let now = ContinuousClock.now
        if let entry = entries[graphID], now - entry.storedAt < ttl { return entry.interface }
        let fresh = try await fetch()
        entries[graphID] = (fresh, now)
        if entries.count > 1_000 { entries = entries.filter { now - $0.value.storedAt < ttl } }
        return fresh
    }
}
