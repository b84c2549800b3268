public import Foundation
import Observability

extension AzureMLClient {
    /// The tag every gateway submission carries (DESIGN "Trigger validation"), so a submission
    /// whose answer was lost can be found among the pipeline's runs.
    public static let gatewayRunIDTag = "gateway_run_id"

    /// Starts a run of a published pipeline at most once, even when an answer is lost; the same as
    /// `submit(_:submission:gatewayRunID:)` with `.pipeline(id:)`.
    public func submit(
        pipelineID: String, submission: PipelineSubmissionInfo, gatewayRunID: String
    ) async throws(AzureMLError) -> PipelineRun {
        try await submit(.pipeline(id: pipelineID), submission: submission, gatewayRunID: gatewayRunID)
    }

    /// Starts a run of `target` at most once, even when an answer is lost.
    ///
    /// The submission is sent with `tags["gateway_run_id"] = gatewayRunID` (other tags kept). When a
    /// submission fails in a way that may have created a run (`mayHaveBeenProcessed`: a timeout, a
    /// connection lost after sending, a 5xx other than 503, a 200 without a run id), the target's
    /// runs are listed (`GET {WS}/PipelineRuns/Pipeline/{id}`, with the read retries; for an endpoint,
    /// the pipelines of its versions, read from the endpoint) and a run with that tag is the answer.
    /// If there is none, the submission is sent once more — the tag makes the same check possible
    /// after it. So at most two submissions and two checks, all within one submit deadline
    /// (`configuration.submitDeadline`).
    ///
    /// - Throws: Azure's refusal or a failure that certainly created nothing, as `submit` does; or,
    ///   when the outcome is still unknown (both submissions ambiguous and no tagged run found, or the
    ///   run list unreadable), the last submission's error with `mayHaveBeenProcessed` set, so the
    ///   caller keeps the run as unresolved and reconciles later by the same tag.
    public func submit(
        _ target: SubmitTarget, submission: PipelineSubmissionInfo, gatewayRunID: String
    ) async throws(AzureMLError) -> PipelineRun {
        var tagged = submission
        tagged.tags = (submission.tags ?? [:]).merging([Self.gatewayRunIDTag: gatewayRunID]) { _, ours in ours }
        return try await submit(target, encodedSubmission: try Self.encode(tagged), gatewayRunID: gatewayRunID)
    }

    /// The same reconciling submit for a body the caller encoded itself — the gateway forwards the
    /// exact bytes it validated and showed in a dry run. The body must already carry
    /// `tags["gateway_run_id"] = gatewayRunID`, or a lost answer cannot be found again.
    public func submit(
        _ target: SubmitTarget, encodedSubmission tagged: Data, gatewayRunID: String
    ) async throws(AzureMLError) -> PipelineRun {
        let start = clock.now()
        let deadline = configuration.submitDeadline
        let remaining = { [clock] in deadline - (clock.now() - start) }
        let log = logger.with([
            "operation": .string(target.operation.name), "target": .string(target.description), "gateway_run_id": .string(gatewayRunID),
        ])

        var ambiguous: AzureMLError?
        for attempt in 1...2 {
            do throws(AzureMLError) {
                return try await submitOnce(target, body: tagged, budget: remaining())
            } catch where error.mayHaveBeenProcessed {
                ambiguous = error
            } catch where ambiguous != nil {
                // The check after the first submission found no run, so the first created nothing:
                // this failure stands on its own.
                log.warning("the second submission failed", ["code": .string(error.code.rawValue)])
                throw error
            }
            guard let lost = ambiguous else { break }
            log.warning(
                "submission outcome unknown; looking for the run by its tag",
                ["attempt": .int(attempt), "code": .string(lost.code.rawValue)]
            )
            switch await findRun(target, gatewayRunID: gatewayRunID, budget: remaining()) {
            case .found(let run):
                log.info("the submission had been accepted; found its run by tag", ["run_id": .string(run.id)])
                return run
            case .absent:
                continue
            case .unknown(let checkError):
                log.warning("the run list could not be read to reconcile", ["code": .string(checkError.code.rawValue)])
                throw Self.unresolved(lost, reason: "the runs of \(target) could not be listed to reconcile (\(checkError.code.rawValue))")
            }
        }
        guard let lost = ambiguous else {
            // Unreachable: every path through the loop returned or recorded an ambiguous failure.
            throw AzureMLError(code: .malformedResponse, message: "the submission ended without an outcome", operation: target.operation.name)
        }
        throw Self.unresolved(lost, reason: "no run tagged \(Self.gatewayRunIDTag)=\(gatewayRunID) was found after 2 submissions")
    }

    /// Settles a submission whose outcome is unknown — the gateway stopped between recording and
    /// hearing back: the run carrying the tag is the answer; when there is none, the recorded body is
    /// submitted now (with the same tag, so this stays at most once).
    ///
    /// - Throws: the submit's error, or — when the run list cannot be read — that read's error marked
    ///   `mayHaveBeenProcessed`, so the caller keeps the run unresolved and tries again later.
    public func settle(
        _ target: SubmitTarget, encodedSubmission: Data, gatewayRunID: String
    ) async throws(AzureMLError) -> PipelineRun {
        switch await findRun(target, gatewayRunID: gatewayRunID, budget: configuration.readTimeout) {
        case .found(let run):
            return run
        case .absent:
            return try await submit(target, encodedSubmission: encodedSubmission, gatewayRunID: gatewayRunID)
        case .unknown(let error):
            throw Self.unresolved(error, reason: "the runs of \(target) could not be listed to settle the submission")
        }
    }

    private enum TaggedRun {
        case found(PipelineRun)
        case absent
        case unknown(AzureMLError)
    }

    /// The run carrying the tag among the runs a submission to `target` creates, if they can be read
    /// within `budget`.
    private func findRun(_ target: SubmitTarget, gatewayRunID: String, budget: Duration) async -> TaggedRun {
        let start = clock.now()
        do throws(AzureMLError) {
            for pipelineID in try await pipelinesRun(by: target, budget: budget) {
                let runs = try await runs(pipelineID: pipelineID, budget: budget - (clock.now() - start))
                if let run = runs.first(where: { $0.tags[Self.gatewayRunIDTag] == gatewayRunID }) { return .found(run) }
            }
            return .absent
        } catch {
            return .unknown(error)
        }
    }

    /// The published pipelines whose runs a submission to `target` may have created: the pipeline
    /// itself; an endpoint's pinned version; or, unpinned, every version (the default first), since
    /// the default may have changed between the submission and this check.
    private func pipelinesRun(by target: SubmitTarget, budget: Duration) async throws(AzureMLError) -> [String] {
        switch target {
        case .pipeline(let id):
            return [id]
        case .endpoint(let id, let version):
            let endpoint = try await pipelineEndpoint(id: id, budget: budget)
            if let version { return endpoint.version(version).map { [$0.pipelineID] } ?? [] }
            var ids = endpoint.version(nil).map { [$0.pipelineID] } ?? []
            for other in endpoint.versions where !ids.contains(other.pipelineID) { ids.append(other.pipelineID) }
            return ids
        }
    }

    /// `error`, still marked as possibly processed, with what reconciling found appended.
    private static func unresolved(_ error: AzureMLError, reason: String) -> AzureMLError {
        var error = error
        error.mayHaveBeenProcessed = true
        error.message += "; \(reason)"
        return error
    }
}
