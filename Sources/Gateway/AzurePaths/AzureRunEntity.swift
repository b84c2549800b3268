import Foundation
import Observability
import Storage

/// The PipelineRun entity the drop-in submit answers with, as Azure's submit does (`200`, at least
/// `Id`, which the SDK and Logic Apps read), built from the ledger's record of the run.
enum AzureRunEntity {
    static func json(_ run: RunRecord) -> [UInt8] {
        var out = "{\"Id\":\(JSONText.quote(run.azureRunID ?? run.id))"
        out += ",\"PipelineId\":\(JSONText.quote(run.pipelineID))"
        out += ",\"RunHistoryExperimentName\":\(JSONText.quote(run.experimentName))"
        out += ",\"ExperimentName\":\(JSONText.quote(run.experimentName))"
        out += ",\"Status\":{\"StatusCode\":\(JSONText.quote(run.status)),\"CreationTime\":\(JSONText.quote(rfc3339UTC(run.createdAt)))}"
        out += ",\"Tags\":{\"gateway_run_id\":\(JSONText.quote(run.id))}"
        out += "}"
        return Array(out.utf8)
    }
}
