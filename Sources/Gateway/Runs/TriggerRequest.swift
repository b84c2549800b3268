import Foundation

/// Everything the ledger needs to record and forward one run, whatever started it (an API call,
/// Azure's own path, a schedule, a datastore watcher, a webhook).
struct TriggerRequest: Sendable {
    var pipelineID: String
    var experimentName: String
    /// `api`, `azure_path`, `schedule`, `datastore`, `webhook`.
    var source: String
    /// JSON object text of the assignments as forwarded.
    var parameterAssignments: String
    var dataPathAssignments: String
    var continueOnStepFailure: Bool?
    /// The pipeline endpoint it runs through and the version chosen; nil for a published pipeline.
    var pipelineEndpointID: String?
    var pipelineVersion: String?
    var scheduleID: String?
    var scheduledTime: Date?
    var triggerFile: String?
    var webhookID: String?
    var deliveryID: String?
    /// The exact body Azure gets, given the gateway run id to put in `tags.gateway_run_id`.
    var encodeBody: @Sendable (_ gatewayRunID: String) -> [UInt8]
    /// Identifies the request for `Idempotency-Key` comparison.
    var fingerprint: [UInt8]
}

/// An `Idempotency-Key` as presented, scoped to the caller.
struct IdempotencyClaim: Sendable {
    var scope: String
    var key: String

    /// 1–255 printable ASCII characters (DESIGN "Trigger validation").
    static func validate(_ value: String) -> Bool {
        (1...255).contains(value.utf8.count) && value.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}
