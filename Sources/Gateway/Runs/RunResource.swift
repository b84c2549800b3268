import Foundation
import Observability
import Storage

/// The Run resource of the API (DESIGN "Resources"), written straight from the stored record.
///
/// Hand-written rather than Codable: the assignments are stored as JSON text and embedded as they are,
/// and this is on the hot path of every trigger answer. Keys are in a fixed order, absent values `null`.
enum RunResource {
    static func json(_ run: RunRecord) -> [UInt8] {
        var out = "{"
        out.reserveCapacity(512 + run.parameterAssignments.utf8.count + run.dataPathAssignments.utf8.count)
        func field(_ name: String, _ value: String?, first: Bool = false) {
            if !first { out += "," }
            out += "\"\(name)\":"
            if let value { out += JSONText.quote(value) } else { out += "null" }
        }
        func raw(_ name: String, _ json: String) {
            out += ",\"\(name)\":\(json)"
        }
        field("id", run.id, first: true)
        // Unknown ('') until Azure names it, for a run sent through an endpoint's default version.
        field("pipeline_id", run.pipelineID.isEmpty ? nil : run.pipelineID)
        field("experiment_name", run.experimentName)
        field("source", run.source)
        field("pipeline_endpoint_id", run.pipelineEndpointID)
        field("pipeline_version", run.pipelineVersion)
        field("schedule_id", run.scheduleID)
        field("scheduled_time", run.scheduledTime.map { rfc3339UTC($0) })
        field("trigger_file", run.triggerFile)
        field("webhook_id", run.webhookID)
        field("delivery_id", run.deliveryID)
        field("azure_run_id", run.azureRunID)
        field("status", run.status)
        raw("parameter_assignments", run.parameterAssignments)
        raw("data_path_assignments", run.dataPathAssignments)
        raw("continue_on_step_failure", run.continueOnStepFailure.map { $0 ? "true" : "false" } ?? "null")
        field("created_at", rfc3339UTC(run.createdAt))
        field("updated_at", rfc3339UTC(run.updatedAt))
        field("error", run.error)
        out += "}"
        return Array(out.utf8)
    }

    /// `{"items":[…],"next_cursor":…}` for a page of runs.
    static func list(_ runs: [RunRecord], nextCursor: String?) -> [UInt8] {
        var out: [UInt8] = Array(#"{"items":["#.utf8)
        for (index, run) in runs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += json(run)
        }
        out += Array("],\"next_cursor\":\(nextCursor.map(JSONText.quote) ?? "null")}".utf8)
        return out
    }
}
