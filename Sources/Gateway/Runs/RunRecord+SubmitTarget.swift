import AzureML
import Storage

extension RunRecord {
    /// Where the ledger sends (and, after a lost answer, looks for) this run: through its pipeline
    /// endpoint — the recorded version, or the endpoint's default at the time Azure receives it —
    /// when it names one, else to its published pipeline.
    var submitTarget: SubmitTarget {
        if let endpointID = pipelineEndpointID { return .endpoint(id: endpointID, version: pipelineVersion) }
        return .pipeline(id: pipelineID)
    }
}
