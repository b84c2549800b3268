import AzureML
import Storage

/// A stored resource that names one target in two columns — a published pipeline (`pipelineID`)
/// or a pipeline endpoint (`pipelineEndpointID`, with `pipelineID` left '') — as schedules and
/// webhooks do. The pinned version lives in the resource's definition.
protocol TargetColumns {
    var pipelineID: String { get set }
    var pipelineEndpointID: String? { get set }
}

extension TargetColumns {
    /// The target, with `version` chosen when it is an endpoint.
    func target(version: String?) -> SubmitTarget {
        pipelineEndpointID.map { .endpoint(id: $0, version: version) } ?? .pipeline(id: pipelineID)
    }

    /// Points the columns at `target`; exactly one of them is set afterwards.
    mutating func aim(at target: SubmitTarget) {
        switch target {
        case .pipeline(let id):
            pipelineID = id
            pipelineEndpointID = nil
        case .endpoint(let id, _):
            pipelineID = ""
            pipelineEndpointID = id
        }
    }
}

extension WebhookRecord: TargetColumns {}
