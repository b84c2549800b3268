import Foundation
import Synchronization

/// The run-history side of the emulated workspace: experiments by name and id, and for each
/// pipeline run the experiment it belongs to and its run number. The runs themselves stay in
/// `PipelineRegistry`; this store only adds what run history knows about them, so a run's status
/// there always mirrors the pipeline run's.
///
/// Experiment names compare ignoring case (an experiment keeps the spelling it was created with).
/// Registering a run creates its experiment on first use, as the service does for a submit.
final class RunHistory: Sendable {
    private struct State {
        /// Keyed by the lower-cased name.
        var experiments: [String: EmulatedExperiment] = [:]
        var namesByID: [String: String] = [:]
        var entries: [String: RunHistoryEntry] = [:]
        /// Run numbers count up across the workspace, from 1.
        var nextRunNumber = 1
    }

    private let state = Mutex(State())

    func experiment(named name: String) -> EmulatedExperiment? {
        state.withLock { $0.experiments[name.lowercased()] }
    }

    func experiment(id: String) -> EmulatedExperiment? {
        state.withLock { state in state.namesByID[id.lowercased()].flatMap { state.experiments[$0] } }
    }

    /// The experiment named `name`, created now if there is none; `created` tells which.
    @discardableResult
    func createExperiment(named name: String, now: Date) -> (experiment: EmulatedExperiment, created: Bool) {
        state.withLock { state in Self.experiment(&state, name, now) }
    }

    /// Records `runID` under `experimentName` (creating the experiment on first use) and gives it
    /// the next run number; a run registered before keeps its entry.
    @discardableResult
    func register(runID: String, experimentName: String, now: Date) -> RunHistoryEntry {
        state.withLock { state in
            if let existing = state.entries[runID] { return existing }
            let experiment = Self.experiment(&state, experimentName, now).experiment
            let entry = RunHistoryEntry(
                runID: runID, experimentID: experiment.id, runNumber: state.nextRunNumber,
                runUUID: UUID().uuidString.lowercased())
            state.nextRunNumber += 1
            state.entries[runID] = entry
            return entry
        }
    }

    func entry(runID: String) -> RunHistoryEntry? {
        state.withLock { $0.entries[runID] }
    }

    private static func experiment(_ state: inout State, _ name: String, _ now: Date) -> (experiment: EmulatedExperiment, created: Bool) {
        let key = name.lowercased()
        if let existing = state.experiments[key] { return (existing, false) }
        let experiment = EmulatedExperiment(id: UUID().uuidString.lowercased(), name: name, createdAt: now)
        state.experiments[key] = experiment
        state.namesByID[experiment.id] = key
        return (experiment, true)
    }
}

/// What run history adds to a pipeline run: its experiment's id and its run number.
struct RunHistoryEntry: Sendable, Equatable {
    var runID: String
    var experimentID: String
    var runNumber: Int
    /// Run history's own id for the run (`runUuid`), distinct from the run id.
    var runUUID: String

    /// The artifact container of the run's logs and outputs, `dcid.{runId}` as the service names it.
    var dataContainerID: String { RunHistoryEntry.dataContainerPrefix + runID }

    static let dataContainerPrefix = "dcid."
}
