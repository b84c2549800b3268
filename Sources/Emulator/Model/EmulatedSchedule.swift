import Foundation

/// A v1 schedule held by the emulator (`PipelineScheduleEntity`): a published pipeline or a pipeline
/// endpoint run on a recurrence or on a datastore's changes, with the submission each run gets.
/// Provisioning is instant, so there is no provisioning state to keep.
struct EmulatedSchedule: Sendable {
    /// What a fire runs: exactly one of a published pipeline or a pipeline endpoint (its default
    /// version at the time of the fire).
    enum Target: Sendable, Equatable {
        case pipeline(String)
        case endpoint(String)

        var pipelineID: String? {
            if case .pipeline(let id) = self { return id }
            return nil
        }

        var endpointID: String? {
            if case .endpoint(let id) = self { return id }
            return nil
        }
    }

    /// The trigger; its case is the `ScheduleType`.
    enum Trigger: Sendable, Equatable {
        case recurrence(EmulatedRecurrence)
        case dataStore(DataStoreTrigger)

        var type: ScheduleType {
            switch self {
            case .recurrence: .recurrence
            case .dataStore: .dataStore
            }
        }
    }

    var id: String
    var name: String
    var target: Target
    var trigger: Trigger
    /// `PipelineSubmissionInfo` as bound from the create (or the last `PUT`); its experiment name
    /// was checked.
    var submission: SubmissionInfo
    var status: EntityStatus
    var createdAt: Date
    var modifiedAt: Date
    var etag: String

    /// `PipelineScheduleEntity`. Every key is written (nulls included), `ScheduleType` and
    /// `ProvisioningStatus` always, because the SDK parses the entity by them (observed §5).
    func wire(_ style: WireStyle) -> JSONValue {
        var recurrence = JSONValue.null
        var dataStore = JSONValue.null
        switch trigger {
        case .recurrence(let value): recurrence = value.wire(style)
        case .dataStore(let value): dataStore = value.wire
        }
        return .object([
            "Id": .string(id),
            "Name": .string(name),
            "PipelineId": .string(target.pipelineID),
            "PipelineEndpointId": .string(target.endpointID),
            "ScheduleType": style.encode(trigger.type),
            "ProvisioningStatus": style.encode(ProvisioningStatus.completed),
            "EntityStatus": style.encode(status),
            "Recurrence": recurrence,
            "DataStoreTriggerInfo": dataStore,
            "PipelineSubmissionInfo": submissionWire(style),
            "Etag": .string(etag),
            "CreatedDate": .string(AzureTimestamp.format(createdAt)),
            "LastModifiedDate": .string(AzureTimestamp.format(modifiedAt)),
        ])
    }

    /// The submission the schedule's runs get, as the service shows it: `RunType` Schedule and the
    /// schedule's id filled in (the SDK copies both into every `PUT`).
    private func submissionWire(_ style: WireStyle) -> JSONValue {
        var dataPaths = JSONObject()
        for (name, value) in submission.dataPathAssignments.sorted(by: { $0.key < $1.key }) { dataPaths.set(name, value) }
        return .object([
            "ExperimentName": submission.experimentName ?? .null,
            "Description": .string(submission.description),
            "RunSource": .string(submission.runSource),
            "RunType": style.encode(RunType.schedule),
            "ParameterAssignments": .object(.strings(submission.parameterAssignments)),
            "DataPathAssignments": .object(dataPaths),
            "DataSetDefinitionValueAssignments": .object(submission.dataSetAssignments),
            "ScheduleId": .string(id),
            "ContinueRunOnStepFailure": submission.continueOnStepFailure.map(JSONValue.bool) ?? .null,
            "Properties": .object(.strings(submission.properties)),
            "tags": .object(.strings(submission.tags)),
        ])
    }
}
