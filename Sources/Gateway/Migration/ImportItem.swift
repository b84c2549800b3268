/// One row of the import table: what happened to one Azure v1 schedule.
struct ImportItem: Encodable, Sendable, Equatable {
    /// What became of the schedule (DESIGN "Migration from SDK v1"; the CLI prints the raw value).
    enum Outcome: String, Encodable, Sendable, Equatable {
        /// A Disabled gateway copy was created.
        case imported
        /// The gateway copy was changed to match the Azure schedule.
        case updated
        /// Nothing needed doing (the copy matches, or the switch was already made); `reason` says which.
        case unchanged
        /// The schedule has no gateway form (or the gateway refused it); nothing was stored.
        case notConvertible = "not_convertible"
        /// The Azure schedule is disabled and the gateway copy runs it.
        case takenOver = "taken_over"
        /// The gateway copy is disabled and the Azure schedule runs again.
        case givenBack = "given_back"
        /// Azure or the gateway failed at some step; `reason` says which and who owns it now. A re-run resumes.
        case failed
    }

    var azureScheduleID: String
    var name: String?
    var outcome: Outcome
    var scheduleID: String?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case name, outcome, reason
        case azureScheduleID = "azure_schedule_id"
        case scheduleID = "schedule_id"
    }

    /// Absent values are written as null, so every row has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(azureScheduleID, forKey: .azureScheduleID)
        try container.encode(name, forKey: .name)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(scheduleID, forKey: .scheduleID)
        try container.encode(reason, forKey: .reason)
    }
}

/// The answer of `POST /v1/imports`: the mode that ran and one item per Azure schedule, in Azure's order.
struct ImportReport: Encodable, Sendable {
    var mode: String
    var items: [ImportItem]
}
