/// The `Recurrence` of a v1 recurrence schedule, as the service keeps it: the frequency and interval,
/// the optional start (a wall-clock `YYYY-MM-DDThh:mm:ss` in `timeZone`, kept as sent) and the
/// optional hours × minutes × week days pattern. The emulator never fires on it; it stores and
/// echoes it so the SDK and the gateway's import read back what was created.
struct EmulatedRecurrence: Sendable, Equatable {
    var frequency: RecurrenceFrequency
    var interval: Int
    var startTime: String?
    /// A Windows id (`WindowsTimeZone`), or nil.
    var timeZone: String?
    var hours: [Int]?
    var minutes: [Int]?
    var weekDays: [WeekDay]?

    /// `Recurrence` with its `Schedule` (`RecurrenceSchedule`), null when no pattern was given, as
    /// the SDK omits it on create.
    func wire(_ style: WireStyle) -> JSONValue {
        let pattern: JSONValue =
            hours == nil && minutes == nil && weekDays == nil
            ? .null
            : .object([
                "Hours": hours.map { .array($0.map(JSONValue.int)) } ?? .null,
                "Minutes": minutes.map { .array($0.map(JSONValue.int)) } ?? .null,
                "WeekDays": weekDays.map { .array($0.map { style.encode($0) }) } ?? .null,
            ])
        return .object([
            "Frequency": style.encode(frequency),
            "Interval": .int(interval),
            "StartTime": .string(startTime),
            "TimeZone": .string(timeZone),
            "Schedule": pattern,
        ])
    }
}
