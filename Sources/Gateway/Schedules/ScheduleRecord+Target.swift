import AzureML
import Storage

extension ScheduleRecord: TargetColumns {
    /// What the schedule runs: its published pipeline, or its pipeline endpoint with the pinned
    /// version (nil: the endpoint's default when each fire reaches Azure).
    func target(_ definition: ScheduleDefinition) -> SubmitTarget {
        target(version: definition.pipelineVersion)
    }
}

extension RunRecord {
    /// This run aimed at `schedule`'s target. A fire is not validated again (the schedule was, when
    /// it was stored), so a run through an endpoint's default records no pipeline yet: Azure's answer
    /// names the version's pipeline, and the ledger records it then.
    func aimed(at schedule: ScheduleRecord, _ definition: ScheduleDefinition) -> RunRecord {
        var run = self
        run.pipelineID = schedule.pipelineID
        run.pipelineEndpointID = schedule.pipelineEndpointID
        run.pipelineVersion = schedule.pipelineEndpointID == nil ? nil : definition.pipelineVersion
        return run
    }
}

