import Foundation

/// A pipeline run. Its status is not stored but computed at each read from its age, so runs
/// advance without timers and tests move them by moving the injected clock; an explicit status
/// (cancel, the admin API) freezes it.
struct EmulatedRun: Sendable {
    /// A status set explicitly, and when.
    struct StatusOverride: Sendable {
        var code: RunStatusCode
        var detail: String?
        var at: Date
    }

    var id: String
    var pipelineID: String
    var graphID: String
    var experimentName: String
    var description: String?
    var runSource: String
    var runType: RunType
    var parameterAssignments: [String: String]
    var dataPathAssignments: [String: DataPathValue]
    var dataSetAssignments: JSONObject
    var tags: [String: String]
    var properties: [String: String]
    var scheduleID: String?
    var parentRunID: String?
    var continueOnStepFailure: Bool?
    var totalRunSteps: Int
    var createdBy: Caller?
    var createdAt: Date
    var etag: String
    var override: StatusOverride?

    /// The status at `now` for a run lasting `runSeconds`: NotStarted for the first third, Running
    /// until the end, then Finished, unless set explicitly. Also when it last changed and ended.
    func status(at now: Date, runSeconds: Double) -> (code: RunStatusCode, detail: String?, changedAt: Date, endedAt: Date?) {
        if let override {
            return (override.code, override.detail, override.at, override.code.isTerminal ? override.at : nil)
        }
        let age = now.timeIntervalSince(createdAt)
        if age >= runSeconds {
            let end = createdAt.addingTimeInterval(runSeconds)
            return (.finished, nil, end, end)
        }
        if age >= runSeconds / 3 {
            return (.running, nil, createdAt.addingTimeInterval(runSeconds / 3), nil)
        }
        return (.notStarted, nil, createdAt, nil)
    }

    /// `PipelineRunEntity` as read at `now`.
    func wire(_ style: WireStyle, now: Date, runSeconds: Double) -> JSONValue {
        let status = status(at: now, runSeconds: runSeconds)
        var dataPaths = JSONObject()
        for (name, value) in dataPathAssignments.sorted(by: { $0.key < $1.key }) { dataPaths.set(name, value.wire) }
        return .object([
            "Id": .string(id),
            "Description": .string(description),
            "Status": .object([
                "StatusCode": style.encode(status.code),
                "StatusDetail": .string(status.detail),
                "CreationTime": .string(AzureTimestamp.format(createdAt)),
                "EndTime": .string(status.endedAt.map(AzureTimestamp.format)),
            ]),
            "GraphId": .string(graphID),
            "IsSubmitted": .bool(true),
            "HasErrors": .bool(status.code == .failed),
            "HasWarnings": .bool(false),
            "UploadState": style.encode(UploadState.completed),
            "ParameterAssignments": .object(.strings(parameterAssignments)),
            "DataPathAssignments": .object(dataPaths),
            "DataSetDefinitionValueAssignments": .object(dataSetAssignments),
            "RunHistoryExperimentName": .string(experimentName),
            "PipelineId": .string(pipelineID),
            "RunSource": .string(runSource),
            "RunType": style.encode(runType),
            "TotalRunSteps": .int(totalRunSteps),
            "ScheduleId": .string(scheduleID),
            "tags": .object(.strings(tags)),
            "Properties": .object(.strings(properties)),
            "CreatedBy": createdBy?.wire ?? .null,
            "EntityStatus": style.encode(EntityStatus.active),
            "Etag": .string(etag),
            "CreatedDate": .string(AzureTimestamp.format(createdAt)),
            "LastModifiedDate": .string(AzureTimestamp.format(status.changedAt)),
        ])
    }
}
