import Foundation
import Scheduling
import Testing

/// `Recurrence.compact` must give exactly the recurrence's fire times: the scheduler arms the compact
/// form, `next` and validation read the full one.
@Suite("FixedStepCalendar: Minute and Hour in a few integers")
struct FixedStepCalendarTests {
    static let created = Date(timeIntervalSince1970: 1_790_000_123)

    static let cases: [(frequency: String, interval: Int, start: String?, end: String?)] = [
        ("Minute", 15, nil, nil),
        ("Minute", 1, "2026-01-01T00:00:07", nil),
        ("Minute", 7, "2027-01-01T00:00:00", "2027-01-01T03:00:00"),
        ("Hour", 1, "2026-06-01T00:55:00", nil),
        ("Hour", 5, nil, "2026-09-23T14:00:00"),
    ]

    @Test(arguments: cases)
    func sameTimesAsTheRecurrence(_ row: (frequency: String, interval: Int, start: String?, end: String?)) throws {
        let recurrence = try Recurrence(
            frequency: row.frequency, interval: row.interval, startTime: row.start, timeZone: "Europe/Berlin", endTime: row.end,
            createdAt: Self.created)
        let compact = recurrence.compact
        #expect(compact is FixedStepCalendar)
        #expect(compact.firstFireTime == recurrence.firstFireTime)
        for probe in [Self.created.addingTimeInterval(-86_400), Self.created, Self.created.addingTimeInterval(3_599), Self.created.addingTimeInterval(400 * 86_400)] {
            #expect(compact.nextFireTimes(after: probe, count: 20) == recurrence.nextFireTimes(after: probe, count: 20))
        }
        #expect(compact.timeZone == recurrence.timeZone)
    }

    @Test func wallClockFrequenciesStayRecurrences() throws {
        let daily = try Recurrence(frequency: "Day", interval: 1, timeOfDay: "09:00", createdAt: Self.created)
        #expect(daily.compact is Recurrence)
    }
}
