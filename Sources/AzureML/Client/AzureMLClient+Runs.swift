import Foundation

extension AzureMLClient {
    /// Starts a run of a published pipeline (`POST {WS}/PipelineRuns/PipelineSubmit/{id}`).
    ///
    /// Not retried unless Azure certainly did not act on it (no connection, or 429/503). Any other
    /// failure after the request may have arrived has `mayHaveBeenProcessed` set: a run may exist,
    /// and should be looked for by its tags (`runs(pipelineID:)`) before submitting again.
    ///
    /// Prefer `submit(pipelineID:submission:gatewayRunID:)`, which tags the run and reconciles.
    public func submit(pipelineID: String, submission: PipelineSubmissionInfo) async throws(AzureMLError) -> PipelineRun {
        try await submitOnce(.pipeline(id: pipelineID), body: try Self.encode(submission), budget: nil)
    }

    /// The JSON the service gets for `submission`: keys sorted, absent fields left out.
    static func encode(_ submission: PipelineSubmissionInfo) throws(AzureMLError) -> Data {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(submission)
        } catch {
            throw AzureMLError(code: .badRequest, message: "the submission could not be encoded as JSON", operation: AzureMLOperation.submit.name)
        }
    }

    /// One submission of an encoded body to `target` (`PipelineSubmit`, or `PipelineEndpointSubmit`
    /// with a pinned version in path and query, as the 1.62 SDK sends it), sent as given; `budget`
    /// bounds it within a reconciling submit's deadline.
    func submitOnce(_ target: SubmitTarget, body: Data, budget: Duration?) async throws(AzureMLError) -> PipelineRun {
        let operation = target.operation
        let (path, query) = target.request
        let answer = try await send(
            operation, method: "POST", path: path, query: query, body: body,
            contentType: "application/json-patch+json; charset=utf-8", budget: budget
        )
        if let run = SubmitAnswer.run(from: answer.response.body) { return run }
        let entity = try decode(PipelineRunEntity.self, from: answer, operation)
        guard let run = PipelineRun(entity) else {
            throw malformed("the submit answer has no run Id", answer, operation)
        }
        return run
    }

    /// Asks Azure to cancel a run (`DELETE {WS}/PipelineRuns/{id}/Execution`); a run that already
    /// ended is left as it is by the service.
    public func cancelRun(id: String) async throws(AzureMLError) {
        _ = try await send(.cancelRun, method: "DELETE", path: ["PipelineRuns", id, "Execution"])
    }

    /// One pipeline run (`GET {WS}/PipelineRuns/{id}`).
    public func run(id: String) async throws(AzureMLError) -> PipelineRun {
        let operation = AzureMLOperation.getRun
        let answer = try await send(operation, method: "GET", path: ["PipelineRuns", id])
        var entity = try decode(PipelineRunEntity.self, from: answer, operation)
        if entity.id?.isEmpty ?? true { entity.id = id }
        guard let run = PipelineRun(entity) else {
            throw malformed("the run has no Id", answer, operation)
        }
        return run
    }

    /// Runs of a published pipeline (`GET {WS}/PipelineRuns/Pipeline/{id}`), e.g. to find a submission
    /// by its `gateway_run_id` tag after an ambiguous failure.
    public func runs(pipelineID: String) async throws(AzureMLError) -> [PipelineRun] {
        try await runs(pipelineID: pipelineID, budget: nil)
    }

    /// The runs of a pipeline, within `budget` when it is shorter than the read deadline.
    func runs(pipelineID: String, budget: Duration?) async throws(AzureMLError) -> [PipelineRun] {
        let operation = AzureMLOperation.listPipelineRuns
        let answer = try await send(operation, method: "GET", path: ["PipelineRuns", "Pipeline", pipelineID], budget: budget)
        return try decodeList(PipelineRunEntity.self, from: answer, operation, item: "run", PipelineRun.init)
    }
}
