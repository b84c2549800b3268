import Foundation
import Scheduling
import Testing

/// What the engine asks of any calendar: the next N times, and the occurrences missed between two instants.
@Suite struct FireCalendarTests {
    /// Every 15 minutes from 2026-11-25T00:00:00 UTC, created the day before.
    static func quarterHourly() throws -> Recurrence {
        try recurrence("Minute", 15, start: "2026-11-25T00:00:00", createdAt: "2026-11-24T12:00:00Z")
    }

    @Test func nextFireTimesCountsAndStops() throws {
        let calendar = try Self.quarterHourly()
        #expect(calendar.nextFireTimes(after: utc("2026-11-25T00:00:00Z"), count: 0).isEmpty)
        #expect(calendar.nextFireTimes(after: utc("2026-11-25T00:00:00Z"), count: -3).isEmpty)
        #expect(calendar.nextFireTimes(after: utc("2026-11-25T00:00:00Z"), count: 2).map(utcText) == ["2026-11-25T00:15:00Z", "2026-11-25T00:30:00Z"])
        #expect(calendar.nextFireTimes(after: utc("2026-11-25T00:14:59Z").addingTimeInterval(0.5), count: 1).map(utcText) == ["2026-11-25T00:15:00Z"])
        #expect(calendar.nextFireTimes(after: utc("2026-11-25T00:15:00Z").addingTimeInterval(0.5), count: 1).map(utcText) == ["2026-11-25T00:30:00Z"])
        #expect(calendar.nextFireTimes(after: Date.distantPast, count: 1).map(utcText) == ["2026-11-25T00:00:00Z"])
        #expect(calendar.nextFireTimes(after: Date.distantFuture, count: 1).map(utcText) == ["4001-01-01T00:15:00Z"])
        #expect(calendar.nextFireTimes(after: utc("9999-12-31T23:45:00Z"), count: 2).isEmpty)
        #expect(calendar.nextFireTimes(after: Date(timeIntervalSince1970: .infinity), count: 1).isEmpty)
        #expect(calendar.nextFireTimes(after: Date(timeIntervalSince1970: -.infinity), count: 1).map(utcText) == ["2026-11-25T00:00:00Z"])
    }

    @Test func occurrencesAreTheHalfOpenRangeAfterThrough() throws {
        let calendar = try Self.quarterHourly()
        let missed = calendar.occurrences(after: utc("2026-11-25T00:45:00Z"), through: utc("2026-11-25T02:00:00Z"), limit: 100)
        #expect(missed.map(utcText) == [
            "2026-11-25T01:00:00Z", "2026-11-25T01:15:00Z", "2026-11-25T01:30:00Z", "2026-11-25T01:45:00Z", "2026-11-25T02:00:00Z",
        ])
        let capped = calendar.occurrences(after: utc("2026-11-25T00:45:00Z"), through: utc("2026-11-25T02:00:00Z"), limit: 2)
        #expect(capped.map(utcText) == ["2026-11-25T01:00:00Z", "2026-11-25T01:15:00Z"])
        let none = calendar.occurrences(after: utc("2026-11-25T01:00:00Z"), through: utc("2026-11-25T01:14:59Z"), limit: 100)
        #expect(none.isEmpty)
    }

    @Test func occurrencesFromTheStartWhenNothingFiredYet() throws {
        let calendar = try Self.quarterHourly()
        let first = calendar.occurrences(after: nil, through: utc("2026-11-25T00:30:00Z"), limit: 100)
        #expect(first.map(utcText) == ["2026-11-25T00:00:00Z", "2026-11-25T00:15:00Z", "2026-11-25T00:30:00Z"])
        let beforeStart = calendar.occurrences(after: nil, through: utc("2026-11-24T23:59:59Z"), limit: 100)
        #expect(beforeStart.isEmpty)
        // Without start_time, the creation fire is the first occurrence.
        let daily = try recurrence("Day", 1, timeOfDay: "06:00")
        #expect(daily.occurrences(after: nil, through: utc("2026-11-27T12:00:00Z"), limit: 10).map(utcText) == [
            "2026-11-25T10:07:33Z", "2026-11-26T06:00:00Z", "2026-11-27T06:00:00Z",
        ])
    }

    @Test func worksThroughTheProtocolForCronToo() throws {
        let calendars: [any FireCalendar] = [try cron("0 */6 * * *"), try recurrence("Hour", 6, start: "2026-11-25T00:00:00")]
        for calendar in calendars {
            #expect(calendar.occurrences(after: utc("2026-11-25T11:00:00Z"), through: utc("2026-11-26T00:00:00Z"), limit: 10).map(utcText) == [
                "2026-11-25T12:00:00Z", "2026-11-25T18:00:00Z", "2026-11-26T00:00:00Z",
            ])
            #expect(calendar.timeZone.identifier == "UTC")
        }
    }
}
