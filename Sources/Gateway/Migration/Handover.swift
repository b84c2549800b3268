/// Where a take-over (Azure → gateway) or give-back (gateway → Azure) of an imported schedule stands,
/// kept in the gateway schedule's definition next to `imported_from`.
///
/// It lives in the definition rather than a table of its own because it belongs to exactly that row:
/// it is written in the same statement as the status it goes with (no migration, no second write to
/// keep consistent), and it goes when the schedule is deleted. The "-ing" steps are written before
/// Azure is touched, so a re-run knows that a Disabled Azure schedule was disabled by the take-over
/// (and must be finished) rather than by its owner (and must be left alone).
enum Handover: String, Codable, Sendable, Equatable {
    /// The take-over began: the Azure schedule may already be disabled; the gateway copy is not enabled.
    case takingOver = "taking_over"
    /// The gateway copy runs the schedule; the Azure one is disabled.
    case takenOver = "taken_over"
    /// The give-back began: the gateway copy is disabled; the Azure one may not be enabled yet.
    case givingBack = "giving_back"
    /// Azure runs the schedule again; the gateway copy is disabled.
    case givenBack = "given_back"

    /// The gateway owns the schedule (or is taking it): an import re-run must not overwrite its copy
    /// with the frozen Azure definition.
    var gatewayOwns: Bool { self == .takingOver || self == .takenOver }
}
