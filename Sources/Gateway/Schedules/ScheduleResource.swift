import Foundation
import Observability
import Scheduling
import Storage

/// The Schedule resource of the API (DESIGN "Resources"), from the stored record and its definition.
struct ScheduleResource: Encodable {
    var id: String
    var name: String
    var description: String?
    var pipelineID: String?
    var pipelineEndpointID: String?
    var pipelineVersion: String?
    var experimentName: String
    var status: String
    var pipelineParameters: [String: String]
    var dataPathAssignments: [String: ScheduleDefinition.DataPath]
    var continueOnStepFailure: Bool?
    var recurrence: ScheduleDefinition.RecurrenceSpec?
    var cron: ScheduleDefinition.CronSpec?
    var datastore: String?
    var pathOnDatastore: String?
    var pollingInterval: Int?
    var dataPathParameterName: String?
    var filePattern: String?
    var catchup: String
    var overlapPolicy: String
    var maxConcurrentRuns: Int?
    var importedFrom: String?
    var managedBy: String?
    var createdBy: String?
    var updatedBy: String?
    var createdAt: String
    var updatedAt: String
    var lastFireAt: String?
    var lastOutcome: String?
    var nextFireAt: String?

    init(_ record: ScheduleRecord, definition: ScheduleDefinition, now: Date) {
        id = record.id
        name = record.name
        description = definition.description
        // Exactly one target: the other key is null.
        pipelineID = record.pipelineEndpointID == nil ? record.pipelineID : nil
        pipelineEndpointID = record.pipelineEndpointID
        pipelineVersion = record.pipelineEndpointID == nil ? nil : definition.pipelineVersion
        experimentName = definition.experimentName
        status = record.status
        pipelineParameters = definition.pipelineParameters
        dataPathAssignments = definition.dataPathAssignments
        continueOnStepFailure = definition.continueOnStepFailure
        recurrence = definition.recurrence
        cron = definition.cron
        datastore = definition.datastore
        pathOnDatastore = definition.pathOnDatastore
        pollingInterval = definition.isChangeBased ? definition.pollingInterval ?? ScheduleDefinition.defaultPollingInterval : nil
        dataPathParameterName = definition.dataPathParameterName
        filePattern = definition.filePattern
        catchup = definition.catchup
        overlapPolicy = definition.overlapPolicy
        maxConcurrentRuns = definition.maxConcurrentRuns
        importedFrom = definition.importedFrom
        managedBy = definition.managedBy
        createdBy = record.createdBy
        updatedBy = record.updatedBy
        createdAt = rfc3339UTC(record.createdAt)
        updatedAt = rfc3339UTC(record.updatedAt)
        lastFireAt = record.lastFireAt.map { rfc3339UTC($0) }
        lastOutcome = record.lastOutcome
        nextFireAt = record.isActive ? Self.nextFire(record, definition, now: now).map { rfc3339UTC($0) } : nil
    }

    /// When the schedule fires next, as the engine will arm it.
    static func nextFire(_ record: ScheduleRecord, _ definition: ScheduleDefinition, now: Date) -> Date? {
        guard let calendar = try? definition.calendar(createdAt: record.createdAt) else { return nil }
        if let last = record.lastFireAt { return calendar.nextFireTime(after: max(last, now)) }
        if let first = calendar.firstFireTime, first >= now { return first }
        return calendar.nextFireTime(after: now)
    }

    /// The `ETag` of a stored version.
    static func etag(_ record: ScheduleRecord) -> String { "\"\(record.version)\"" }

    enum CodingKeys: String, CodingKey {
        case id, name, description, status, recurrence, cron, catchup, datastore
        case pathOnDatastore = "path_on_datastore"
        case pollingInterval = "polling_interval"
        case dataPathParameterName = "data_path_parameter_name"
        case filePattern = "file_pattern"
        case pipelineID = "pipeline_id"
        case pipelineEndpointID = "pipeline_endpoint_id"
        case pipelineVersion = "pipeline_version"
        case experimentName = "experiment_name"
        case pipelineParameters = "pipeline_parameters"
        case dataPathAssignments = "data_path_assignments"
        case continueOnStepFailure = "continue_on_step_failure"
        case overlapPolicy = "overlap_policy"
        case maxConcurrentRuns = "max_concurrent_runs"
        case importedFrom = "imported_from"
        case managedBy = "managed_by"
        case createdBy = "created_by"
        case updatedBy = "updated_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case lastFireAt = "last_fire_at"
        case lastOutcome = "last_outcome"
        case nextFireAt = "next_fire_at"
    }

    /// Every key present, `null` when absent: the resource always has the same shape.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(pipelineID, forKey: .pipelineID)
        try c.encode(pipelineEndpointID, forKey: .pipelineEndpointID)
        try c.encode(pipelineVersion, forKey: .pipelineVersion)
        try c.encode(experimentName, forKey: .experimentName)
        try c.encode(status, forKey: .status)
        try c.encode(pipelineParameters, forKey: .pipelineParameters)
        try c.encode(dataPathAssignments, forKey: .dataPathAssignments)
        try c.encode(continueOnStepFailure, forKey: .continueOnStepFailure)
        if let recurrence { try c.encode(recurrence, forKey: .recurrence) }
        if let cron { try c.encode(cron, forKey: .cron) }
        if let datastore {
            try c.encode(datastore, forKey: .datastore)
            try c.encode(pathOnDatastore, forKey: .pathOnDatastore)
            try c.encode(pollingInterval, forKey: .pollingInterval)
            try c.encode(dataPathParameterName, forKey: .dataPathParameterName)
            try c.encode(filePattern, forKey: .filePattern)
        }
        try c.encode(catchup, forKey: .catchup)
        try c.encode(overlapPolicy, forKey: .overlapPolicy)
        try c.encode(maxConcurrentRuns, forKey: .maxConcurrentRuns)
        try c.encode(importedFrom, forKey: .importedFrom)
        try c.encode(managedBy, forKey: .managedBy)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(updatedBy, forKey: .updatedBy)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(lastFireAt, forKey: .lastFireAt)
        try c.encode(lastOutcome, forKey: .lastOutcome)
        try c.encode(nextFireAt, forKey: .nextFireAt)
    }
}
