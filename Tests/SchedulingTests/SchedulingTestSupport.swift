import Foundation
import Scheduling
import Testing

/// The instant the schedules under test are created, unless a row says otherwise: a Wednesday.
let defaultCreatedAt = "2026-11-25T10:07:33Z"

/// A literal UTC instant ("2026-03-29T01:00:00Z"), parsed by Foundation, never by the code under test.
func utc(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else {
        Issue.record("bad test literal \(text)", sourceLocation: sourceLocation)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// An instant as the literal the tables use.
func utcText(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
}

/// The first `count` fire times: from the schedule's first fire when `after` is nil, else strictly after it.
func fireTimes(_ calendar: any FireCalendar, after: String?, count: Int) -> [String] {
    if let after { return calendar.nextFireTimes(after: utc(after), count: count).map(utcText) }
    guard let first = calendar.firstFireTime else { return [] }
    return [utcText(first)] + calendar.nextFireTimes(after: first, count: count - 1).map(utcText)
}

/// A row of a fire-time table: a trigger, where to start, and the hand-computed UTC instants.
struct FireRow: Sendable, CustomTestStringConvertible {
    let comment: String
    let make: @Sendable () throws -> any FireCalendar
    /// nil: from the first fire (including the creation fire); else the times strictly after this instant.
    let after: String?
    let expected: [String]
    /// The schedule has no fire after `expected` (end_time): more are asked for and must not come.
    let ends: Bool

    var testDescription: String { comment }

    init(
        _ comment: String, after: String? = nil, _ expected: [String], ends: Bool = false,
        make: @escaping @Sendable () throws -> any FireCalendar
    ) {
        self.comment = comment
        self.make = make
        self.after = after
        self.expected = expected
        self.ends = ends
    }

    func check() throws {
        let calendar = try make()
        #expect(fireTimes(calendar, after: after, count: expected.count + (ends ? 2 : 0)) == expected, "\(comment)")
    }
}
