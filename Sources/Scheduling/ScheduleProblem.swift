/// One thing wrong with a schedule's trigger, located by an RFC 6901 pointer *relative to the trigger
/// object* (`/interval`, `/week_days/1`, `/expression`), so the Gateway can prefix `/recurrence` or `/cron`
/// and report every problem of a create or update in one problem+json answer.
public struct ScheduleProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, relative to the `recurrence` or `cron` object (`/hours/2`).
    public let pointer: String
    /// A sentence a user can act on: what was given and what is accepted.
    public let detail: String

    /// A problem at `pointer`.
    public init(pointer: String, detail: String) {
        self.pointer = pointer
        self.detail = detail
    }

    /// `pointer: detail`, for logs.
    public var description: String { "\(pointer): \(detail)" }
}

/// Every problem found in one trigger; thrown by the initializers of ``Recurrence``, ``CronSchedule`` and
/// ``CronExpression`` so a client learns about all its mistakes at once, not one per request.
public struct ScheduleValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems in the order the fields were checked; never empty.
    public let problems: [ScheduleProblem]

    /// An error carrying `problems` (callers pass at least one).
    public init(problems: [ScheduleProblem]) {
        self.problems = problems
    }

    /// Every problem, `; `-separated, for logs.
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
