public import Foundation

/// Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// The delay the header asks for, or nil when the value is neither form. A date in the past
    /// means "now" (zero); a fractional number of seconds is accepted, as some proxies send one.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingWhitespace()
        if let seconds = Double(text), seconds.isFinite, text.first?.isNumber == true {
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        guard let date = httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds <= 0 ? .zero : .milliseconds(Int64((seconds * 1000).rounded()))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form servers must send; the weekday is not checked.
    static func httpDate(_ text: String) -> Date? {
        var fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = fields.first, first.hasSuffix(",") { fields.removeFirst() }
        guard fields.count == 5, fields[4].uppercased() == "GMT",
            let day = Int(fields[0]), let year = Int(fields[2]),
            let monthIndex = months.firstIndex(of: fields[1].lowercased())
        else { return nil }
        let clock = fields[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...CivilCalendar.daysIn(month: monthIndex + 1, year: year)).contains(day),
            (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0..<61).contains(clock[2])
        else { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]))
    }
}
