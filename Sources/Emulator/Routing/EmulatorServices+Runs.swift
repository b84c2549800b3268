import Foundation
import HTTPServer

extension EmulatorServices {
    /// The one way a run comes into being, whoever starts it (a submit, a submit through an
    /// endpoint, a simulated schedule fire): validated against the pipeline as it is now, recorded,
    /// and registered in run history at once, since the SDK reads every new run back from there.
    func recordRun(
        pipelineID: String, _ parsed: Result<SubmissionInfo, AzureError>, caller: Caller?, parentRunID: String?, at time: Date
    ) throws(AzureError) -> EmulatedRun {
        let run = try registry.submit(pipelineID: pipelineID) { pipeline throws(AzureError) in
            try SubmissionValidator(pipeline: pipeline, caller: caller, parentRunID: parentRunID, now: time).run(from: parsed)
        }
        runHistory.register(runID: run.id, experimentName: run.experimentName, now: time)
        logger.debug("emulator run submitted", ["run_id": .string(run.id), "pipeline_id": .string(pipelineID)])
        return run
    }

    /// `PipelineRunEntity` of `run` as read now, in the style answers to `request` are written in.
    func wire(_ run: EmulatedRun, for request: HTTPRequest) -> JSONValue {
        run.wire(style(for: request), now: clock(), runSeconds: configuration.runSeconds)
    }

    /// A plain array of `PipelineRunEntity`, as the run lists answer.
    func wire(_ runs: [EmulatedRun], for request: HTTPRequest) -> JSONValue {
        .array(runs.map { wire($0, for: request) })
    }

    /// A run as Azure starts one when `schedule` fires at `time`: the schedule's pipeline (an
    /// endpoint's default version as it is now), its submission, `RunType` Schedule and its
    /// `ScheduleId`, created at `time`. No caller: the service starts it.
    func fire(_ schedule: EmulatedSchedule, at time: Date) throws(AzureError) -> EmulatedRun {
        let pipelineID: String
        switch schedule.target {
        case .pipeline(let id):
            pipelineID = id
        case .endpoint(let id):
            guard let endpoint = endpoints.endpoint(id: id) else { throw PipelineEndpointRoutes.notFound(id) }
            guard let defaultPipeline = endpoint.pipelineID(forVersion: nil) else {
                throw .notFound("PipelineVersionNotFound", "Pipeline endpoint \(id) has no default version \(endpoint.defaultVersion).")
            }
            pipelineID = defaultPipeline
        }
        var submission = schedule.submission
        submission.runType = .schedule
        submission.scheduleID = schedule.id
        return try recordRun(pipelineID: pipelineID, .success(submission), caller: nil, parentRunID: nil, at: time)
    }
}
