import Foundation
import Synchronization

/// The published pipelines and their runs, in memory. Every mutation holds the lock for the
/// whole check-and-change (a submit validates against the pipeline it then records a run for), so
/// concurrent calls never see a half-applied change.
final class PipelineRegistry: Sendable {
    private struct State {
        var pipelines: [String: EmulatedPipeline] = [:]
        var pipelineOrder: [String] = []
        var runs: [String: EmulatedRun] = [:]
        var runOrder: [String] = []
    }

    private let state = Mutex(State())
    /// How many runs are kept; older ones are forgotten.
    let runCapacity: Int

    init(runCapacity: Int = 10_000) {
        self.runCapacity = max(1, runCapacity)
    }

    /// Adds `pipeline`, replacing one with the same id.
    func publish(_ pipeline: EmulatedPipeline) {
        state.withLock { state in
            if state.pipelines[pipeline.id] == nil { state.pipelineOrder.append(pipeline.id) }
            state.pipelines[pipeline.id] = pipeline
        }
    }

    func pipeline(id: String) -> EmulatedPipeline? {
        state.withLock { $0.pipelines[id] }
    }

    func pipeline(graphID: String) -> EmulatedPipeline? {
        state.withLock { state in state.pipelines.values.first { $0.graphID == graphID } }
    }

    /// Every pipeline, in publication order.
    func pipelines() -> [EmulatedPipeline] {
        state.withLock { state in state.pipelineOrder.compactMap { state.pipelines[$0] } }
    }

    /// Sets a pipeline's status; false when there is no such pipeline.
    func setStatus(pipelineID: String, _ status: EntityStatus, at now: Date) -> Bool {
        state.withLock { state in
            guard var pipeline = state.pipelines[pipelineID] else { return false }
            if pipeline.status != status {
                pipeline.status = status
                pipeline.modifiedAt = now
                pipeline.etag = EmulatedPipeline.newETag()
                state.pipelines[pipelineID] = pipeline
            }
            return true
        }
    }

    /// Builds a run from the pipeline as it is now (`build` validates and may refuse) and records it.
    func submit(
        pipelineID: String, build: (EmulatedPipeline) throws(AzureError) -> EmulatedRun
    ) throws(AzureError) -> EmulatedRun {
        let result: Result<EmulatedRun, AzureError> = state.withLock { state in
            guard let pipeline = state.pipelines[pipelineID] else {
                return .failure(.notFound("PipelineNotFound", "Pipeline \(pipelineID) was not found in the workspace."))
            }
            do throws(AzureError) {
                let run = try build(pipeline)
                state.runs[run.id] = run
                state.runOrder.append(run.id)
                // A long-lived emulator (the default backend of `serve`) keeps a bounded history:
                // the oldest runs go first, as Azure's retention would eventually drop them.
                if state.runOrder.count > runCapacity {
                    let dropped = state.runOrder.prefix(state.runOrder.count - runCapacity)
                    for id in dropped { state.runs[id] = nil }
                    state.runOrder.removeFirst(dropped.count)
                }
                return .success(run)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    func run(id: String) -> EmulatedRun? {
        state.withLock { $0.runs[id] }
    }

    /// Runs of one pipeline, oldest first.
    func runs(pipelineID: String) -> [EmulatedRun] {
        state.withLock { state in state.runOrder.compactMap { state.runs[$0] }.filter { $0.pipelineID == pipelineID } }
    }

    /// Runs a schedule started, newest first: by creation time (a simulated fire may be dated in the
    /// past), later-recorded first among equal times.
    func runs(scheduleID: String) -> [EmulatedRun] {
        state.withLock { state in
            state.runOrder.reversed().compactMap { state.runs[$0] }.filter { $0.scheduleID == scheduleID }
                .enumerated().sorted { $0.element.createdAt != $1.element.createdAt ? $0.element.createdAt > $1.element.createdAt : $0.offset < $1.offset }
                .map(\.element)
        }
    }

    /// Applies `change` to a run; nil when there is no such run.
    func updateRun(id: String, _ change: (inout EmulatedRun) -> Void) -> EmulatedRun? {
        state.withLock { state in
            guard var run = state.runs[id] else { return nil }
            change(&run)
            state.runs[id] = run
            return run
        }
    }
}
