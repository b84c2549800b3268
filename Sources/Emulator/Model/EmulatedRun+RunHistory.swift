import Foundation

/// A pipeline run as the run-history service shows it (`RunDto`, `RunDetailsDto`, camelCase).
/// The status is the pipeline run's status name at `now`, so both services always agree.
extension EmulatedRun {
    /// `RunDto`: what `PipelineRun(experiment, id)` and `submit` read (`rootRunId` and `runNumber`
    /// are required by the SDK; `dataContainerId` names the log container `wait_for_completion` lists).
    func historyWire(_ entry: RunHistoryEntry, now: Date, runSeconds: Double) -> JSONValue {
        let times = historyTimes(now: now, runSeconds: runSeconds)
        return .object([
            "runNumber": .int(entry.runNumber),
            "rootRunId": .string(id),
            "experimentId": .string(entry.experimentID),
            "createdUtc": .string(AzureTimestamp.format(createdAt)),
            "createdBy": createdByWire,
            "userId": .string(createdBy?.objectID),
            "token": .null,
            "tokenExpiryTimeUtc": .null,
            "error": historyError(times.code, times.detail),
            "warnings": .null,
            "revision": .int(1),
            "runUuid": .string(entry.runUUID),
            "parentRunUuid": .null,
            "rootRunUuid": .string(entry.runUUID),
            "runId": .string(id),
            "parentRunId": .string(parentRunID),
            "status": .string(times.code.wireName),
            "startTimeUtc": .string(times.start.map(AzureTimestamp.format)),
            "endTimeUtc": .string(times.end.map(AzureTimestamp.format)),
            "heartbeatEnabled": .bool(false),
            "name": .null,
            "displayName": .string(description),
            "dataContainerId": .string(entry.dataContainerID),
            "description": .string(description),
            "hidden": .bool(false),
            "runType": .string(Self.historyRunType),
            "runTypeV2": .object(["orchestrator": .null, "traits": .array([])]),
            "properties": .object(historyProperties),
            "scriptName": .null,
            "target": .null,
            "tags": .object(.strings(tags)),
            "runDefinition": .null,
            "createdFrom": .null,
            "cancelUri": .null,
            "completeUri": .null,
            "diagnosticsUri": .null,
        ])
    }

    /// `RunDetailsDto`: what `get_details` and the end of `wait_for_completion` read. `logFiles`
    /// is required by the SDK; `error` is set for a failed run, which makes the SDK raise.
    func detailsWire(_ entry: RunHistoryEntry, now: Date, runSeconds: Double) -> JSONValue {
        let times = historyTimes(now: now, runSeconds: runSeconds)
        return .object([
            "runId": .string(id),
            "runUuid": .string(entry.runUUID),
            "parentRunUuid": .null,
            "rootRunUuid": .string(entry.runUUID),
            "target": .null,
            "status": .string(times.code.wireName),
            "parentRunId": .string(parentRunID),
            "startTimeUtc": .string(times.start.map(AzureTimestamp.format)),
            "endTimeUtc": .string(times.end.map(AzureTimestamp.format)),
            "error": historyError(times.code, times.detail),
            "warnings": .null,
            "properties": .object(historyProperties),
            "inputDatasets": .array([]),
            "outputDatasets": .array([]),
            "runDefinition": .null,
            "logFiles": .object([:]),
            "services": .object([:]),
        ])
    }

    /// The run type under which the SDK rehydrates a run as a `PipelineRun`.
    static let historyRunType = "azureml.PipelineRun"

    /// The status at `now` with when the run started (left NotStarted) and ended.
    private func historyTimes(now: Date, runSeconds: Double) -> (code: RunStatusCode, detail: String?, start: Date?, end: Date?) {
        let status = status(at: now, runSeconds: runSeconds)
        var start: Date?
        if status.code != .notStarted {
            start = min(createdAt.addingTimeInterval(runSeconds / 3), status.changedAt)
        }
        return (status.code, status.detail, start, status.endedAt)
    }

    /// `ErrorResponse` for a failed run, null otherwise.
    private func historyError(_ code: RunStatusCode, _ detail: String?) -> JSONValue {
        guard code == .failed else { return .null }
        return .object([
            "error": .object([
                "code": .string("UserError"),
                "message": .string(detail ?? "The pipeline run failed."),
                "details": .array([]),
            ])
        ])
    }

    private var createdByWire: JSONValue {
        guard let createdBy else { return .null }
        return .object([
            "userObjectId": .string(createdBy.objectID),
            "userTenantId": .string(createdBy.tenantID),
            "userName": .string(createdBy.clientID),
        ])
    }

    /// The submission's own properties (git info, …) plus the ones the pipelines service sets on
    /// every pipeline run; the service's win on a clash.
    private var historyProperties: JSONObject {
        var properties = properties
        let parameters = JSONValue.object(.strings(parameterAssignments)).text
        properties["azureml.runsource"] = Self.historyRunType
        properties["runSource"] = runSource
        properties["runType"] = runType.wireName
        properties["azureml.parameters"] = parameters
        properties["azureml.pipelineid"] = pipelineID
        properties["azureml.continue_on_step_failure"] = (continueOnStepFailure ?? false) ? "True" : "False"
        return .strings(properties)
    }
}
