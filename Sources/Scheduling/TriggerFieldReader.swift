/// Reads the fields a recurrence and a cron trigger share (`time_zone`, `start_time`, `end_time`), collecting
/// a problem for each bad one instead of stopping at the first.
struct TriggerFieldReader {
    private(set) var problems: [ScheduleProblem] = []

    mutating func report(_ pointer: String, _ detail: String) {
        problems.append(ScheduleProblem(pointer: pointer, detail: detail))
    }

    /// The zone named `name` (UTC when nil), or nil after reporting `/time_zone`.
    mutating func timeZone(_ name: String?) -> ScheduleTimeZone? {
        guard let name else { return .utc }
        if let zone = ScheduleTimeZone(named: name) { return zone }
        report(
            "/time_zone",
            "\(quoted(name)) is not a known time zone: use an IANA name such as \"Europe/Berlin\" or one of the "
                + "SDK's Windows names such as \"W. Europe Standard Time\"")
        return nil
    }

    /// A `YYYY-MM-DDThh:mm:ss` local date-time, or nil after reporting it at `/field`.
    mutating func localDateTime(_ text: String?, field: String) -> LocalDateTime? {
        guard let text else { return nil }
        if let value = LocalDateTime(text) { return value }
        if LocalDateTime.hasOffset(text) {
            report(
                "/\(field)",
                "\(quoted(text)) has a UTC offset or Z: give the local time as YYYY-MM-DDThh:mm:ss "
                    + "and name its zone in time_zone")
        } else if looksLikeDateTime(text) {
            report("/\(field)", "\(quoted(text)) is not a real date and time (check the day of the month and the ranges)")
        } else {
            report("/\(field)", "\(quoted(text)) is not a local date-time YYYY-MM-DDThh:mm:ss (e.g. \"2026-01-31T09:00:00\")")
        }
        return nil
    }

    /// Reports `/end_time` when it comes before `start_time` (such a trigger could never fire).
    mutating func checkOrder(start: LocalDateTime?, end: LocalDateTime?) {
        if let start, let end, end < start {
            report("/end_time", "end_time \(end) is before start_time \(start)")
        }
    }

    private func looksLikeDateTime(_ text: String) -> Bool {
        let shape = text.utf8.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) ? UInt8(ascii: "9") : $0 }
        return shape == Array("9999-99-99T99:99:99".utf8)
    }
}

/// `text` in double quotes, shortened so a huge input cannot blow up a problem document.
func quoted(_ text: String) -> String {
    let limit = 64
    return text.count > limit ? "\"\(text.prefix(limit))…\"" : "\"\(text)\""
}
