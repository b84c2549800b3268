public import Foundation

/// One row of the run ledger: a submission the gateway made (or tried to make), as stored.
///
/// The assignments are kept as the JSON text the API shows, and `submission` as the exact bytes sent to
/// Azure, so the store never has to understand either: a retry resends those bytes, and reconciling a
/// lost answer needs only `id` (the `gateway_run_id` tag) and `pipelineID`.
public struct RunRecord: Sendable, Equatable {
    public var id: String
    public var pipelineID: String
    public var experimentName: String
    /// What started it: `api`, `azure_path`, `schedule`, `datastore` or `webhook`.
    public var source: String
    public var pipelineEndpointID: String?
    public var pipelineVersion: String?
    public var scheduleID: String?
    public var scheduledTime: Date?
    public var triggerFile: String?
    public var webhookID: String?
    public var deliveryID: String?
    public var azureRunID: String?
    /// Azure's run status, or the gateway's own `Submitting`, `SubmitFailed`, `Skipped`, `Missed`.
    public var status: String
    /// JSON object text of the parameter assignments as forwarded.
    public var parameterAssignments: String
    /// JSON object text of the DataPath assignments as forwarded.
    public var dataPathAssignments: String
    public var continueOnStepFailure: Bool?
    /// The exact body sent (or to be sent) to Azure.
    public var submission: [UInt8]
    public var createdAt: Date
    public var updatedAt: Date
    public var error: String?
    /// When the background refresher should next ask Azure for the status; nil once final.
    public var nextRefreshAt: Date?

    public init(
        id: String, pipelineID: String, experimentName: String, source: String, pipelineEndpointID: String? = nil,
        pipelineVersion: String? = nil, scheduleID: String? = nil, scheduledTime: Date? = nil, triggerFile: String? = nil,
        webhookID: String? = nil, deliveryID: String? = nil, azureRunID: String? = nil, status: String,
        parameterAssignments: String = "{}", dataPathAssignments: String = "{}", continueOnStepFailure: Bool? = nil,
        submission: [UInt8], createdAt: Date, updatedAt: Date? = nil, error: String? = nil, nextRefreshAt: Date? = nil
    ) {
        self.id = id
        self.pipelineID = pipelineID
        self.experimentName = experimentName
        self.source = source
        self.pipelineEndpointID = pipelineEndpointID
        self.pipelineVersion = pipelineVersion
        self.scheduleID = scheduleID
        self.scheduledTime = scheduledTime
        self.triggerFile = triggerFile
        self.webhookID = webhookID
        self.deliveryID = deliveryID
        self.azureRunID = azureRunID
        self.status = status
        self.parameterAssignments = parameterAssignments
        self.dataPathAssignments = dataPathAssignments
        self.continueOnStepFailure = continueOnStepFailure
        self.submission = submission
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.error = error
        self.nextRefreshAt = nextRefreshAt
    }
}
