import Testing

@testable import Scheduling

/// Fire times of each frequency with and without `start_time`, the SDK docstring examples, interval counting,
/// month-end clamping, leap days and `end_time`. Every expected instant was worked out by hand; all rows are
/// created at 2026-11-25T10:07:33Z (a Wednesday) unless they say otherwise.
@Suite struct RecurrenceFireTimeTests {
    static let frequencies: [FireRow] = [
        // Minute / Hour: absolute steps from the anchor
        FireRow("Minute, no start: fires at creation, then every 15 min from it", [
            "2026-11-25T10:07:33Z", "2026-11-25T10:22:33Z", "2026-11-25T10:37:33Z",
        ]) { try recurrence("Minute", 15) },
        FireRow("Minute, future start: first fire at start_time", [
            "2026-11-25T12:00:00Z", "2026-11-25T12:15:00Z", "2026-11-25T12:30:00Z",
        ]) { try recurrence("Minute", 15, start: "2026-11-25T12:00:00") },
        FireRow("Minute, past start: steps from it, first one after creation", [
            "2026-11-25T10:20:00Z", "2026-11-25T10:35:00Z", "2026-11-25T10:50:00Z",
        ]) { try recurrence("Minute", 15, start: "2026-11-25T09:05:00") },
        FireRow("Hour, no start: creation, then every 2 h", [
            "2026-11-25T10:07:33Z", "2026-11-25T12:07:33Z", "2026-11-25T14:07:33Z",
        ]) { try recurrence("Hour", 2) },
        FireRow("Hour, future start in Berlin (CET)", [
            "2026-11-26T05:30:00Z", "2026-11-26T06:30:00Z",
        ]) { try recurrence("Hour", 1, start: "2026-11-26T06:30:00", zone: "Europe/Berlin") },
        FireRow("SDK: every hour at :55 from a past start", [
            "2026-11-25T10:55:00Z", "2026-11-25T11:55:00Z", "2026-11-25T12:55:00Z",
        ]) { try recurrence("Hour", 1, start: "2020-01-13T12:55:00") },
        FireRow("SDK: every 15 minutes, after a given instant", after: "2026-11-25T11:00:00Z", [
            "2026-11-25T11:07:33Z", "2026-11-25T11:22:33Z",
        ]) { try recurrence("Minute", 15) },
        // Day
        FireRow("Day, no start: creation, then daily at the creation's hour:minute", [
            "2026-11-25T10:07:33Z", "2026-11-26T10:07:00Z", "2026-11-27T10:07:00Z",
        ]) { try recurrence("Day", 1) },
        FireRow("Day, no start, hours given: minutes from the creation time", [
            "2026-11-25T10:07:33Z", "2026-11-25T18:07:00Z", "2026-11-26T06:07:00Z", "2026-11-26T18:07:00Z",
        ]) { try recurrence("Day", 1, hours: [6, 18]) },
        FireRow("Day, future start with time_of_day", [
            "2026-12-01T06:30:00Z", "2026-12-02T06:30:00Z", "2026-12-03T06:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-12-01T06:30:00", timeOfDay: "06:30") },
        FireRow("Day, future start after the day's only time: next day", [
            "2026-12-02T06:30:00Z", "2026-12-03T06:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-12-01T07:00:00", timeOfDay: "06:30") },
        FireRow("Day, start_time seconds do not skip that minute", [
            "2026-12-01T09:00:00Z", "2026-12-02T09:00:00Z",
        ]) { try recurrence("Day", 1, start: "2026-12-01T09:00:30") },
        FireRow("Day, hours × minutes in Berlin", [
            "2026-12-01T07:15:00Z", "2026-12-01T07:45:00Z", "2026-12-01T16:15:00Z", "2026-12-01T16:45:00Z",
            "2026-12-02T07:15:00Z",
        ]) { try recurrence("Day", 1, start: "2026-12-01T00:00:00", zone: "Europe/Berlin", hours: [17, 8], minutes: [45, 15]) },
        FireRow("Day every 3 from a start 10 days ago: counted from the start's date", [
            "2026-11-27T08:00:00Z", "2026-11-30T08:00:00Z", "2026-12-03T08:00:00Z",
        ]) { try recurrence("Day", 3, start: "2026-11-15T08:00:00") },
        FireRow("Day every 2, no start: counted from the creation date", [
            "2026-11-25T10:07:33Z", "2026-11-27T10:07:00Z", "2026-11-29T10:07:00Z",
        ]) { try recurrence("Day", 2) },
        // Week
        FireRow("Week, no start: creation, then the creation's weekday and time", [
            "2026-11-25T10:07:33Z", "2026-12-02T10:07:00Z", "2026-12-09T10:07:00Z",
        ]) { try recurrence("Week", 1) },
        FireRow("SDK: every 2 weeks on Monday and Wednesday at 18:30 (start on a Monday)", [
            "2026-11-30T18:30:00Z", "2026-12-02T18:30:00Z", "2026-12-14T18:30:00Z", "2026-12-16T18:30:00Z",
        ]) {
            try recurrence("Week", 2, start: "2026-11-30T00:00:00", hours: [18], minutes: [30], weekDays: ["Monday", "Wednesday"])
        },
        FireRow("Week every 2 from a Thursday start: the start's week is week 0", [
            "2026-12-07T18:30:00Z", "2026-12-09T18:30:00Z", "2026-12-21T18:30:00Z",
        ]) {
            try recurrence("Week", 2, start: "2026-11-26T00:00:00", weekDays: ["Wednesday", "Monday"], timeOfDay: "18:30")
        },
        FireRow("Week, past start, default weekday = the start's (a Sunday)", [
            "2026-11-29T07:00:00Z", "2026-12-13T07:00:00Z",
        ]) { try recurrence("Week", 2, start: "2026-11-01T07:00:00") },
        FireRow("Week every 3 weeks, past start on a Friday, Mon+Fri", [
            "2026-11-27T12:00:00Z", "2026-12-14T12:00:00Z", "2026-12-18T12:00:00Z",
        ]) { try recurrence("Week", 3, start: "2026-10-16T12:00:00", weekDays: ["Monday", "Friday"]) },
        // Month
        FireRow("SDK: first day of each month at 09:00", [
            "2027-01-01T09:00:00Z", "2027-02-01T09:00:00Z", "2027-03-01T09:00:00Z",
        ]) { try recurrence("Month", 1, start: "2027-01-01T09:00:00") },
        FireRow("Month, past start: next first of the month", [
            "2026-12-01T09:00:00Z", "2027-01-01T09:00:00Z",
        ]) { try recurrence("Month", 1, start: "2026-01-01T09:00:00") },
        FireRow("Month, no start: creation, then the creation's day and time", [
            "2026-11-25T10:07:33Z", "2026-12-25T10:07:00Z", "2027-01-25T10:07:00Z",
        ]) { try recurrence("Month", 1) },
        FireRow("Month on the 31st: last day of shorter months", [
            "2027-01-31T12:00:00Z", "2027-02-28T12:00:00Z", "2027-03-31T12:00:00Z", "2027-04-30T12:00:00Z",
            "2027-05-31T12:00:00Z",
        ]) { try recurrence("Month", 1, start: "2027-01-31T12:00:00") },
        FireRow("Month on the 31st in a leap year: 29 February", [
            "2028-01-31T12:00:00Z", "2028-02-29T12:00:00Z", "2028-03-31T12:00:00Z",
        ]) { try recurrence("Month", 1, start: "2028-01-31T12:00:00") },
        FireRow("Month every 3 from the 30th: counted from the start month", [
            "2026-11-30T12:00:00Z", "2027-02-28T12:00:00Z", "2027-05-30T12:00:00Z", "2027-08-30T12:00:00Z",
        ]) { try recurrence("Month", 3, start: "2026-11-30T12:00:00") },
        FireRow("Month every 2 from a past start", [
            "2027-01-15T00:00:00Z", "2027-03-15T00:00:00Z",
        ]) { try recurrence("Month", 2, start: "2026-03-15T00:00:00") },
        // Leap day
        FireRow("Every 12 months from 29 February: 28 February in common years", [
            "2028-02-29T06:00:00Z", "2029-02-28T06:00:00Z", "2030-02-28T06:00:00Z", "2031-02-28T06:00:00Z",
            "2032-02-29T06:00:00Z",
        ]) { try recurrence("Month", 12, start: "2028-02-29T06:00:00") },
        FireRow("Daily across 29 February", after: "2028-02-27T12:00:00Z", [
            "2028-02-28T06:00:00Z", "2028-02-29T06:00:00Z", "2028-03-01T06:00:00Z",
        ]) { try recurrence("Day", 1, start: "2028-01-01T06:00:00") },
        FireRow("Far future: 2100 is no leap year", after: "2100-02-27T12:00:00Z", [
            "2100-02-28T06:00:00Z", "2100-03-01T06:00:00Z",
        ]) { try recurrence("Day", 1, start: "2028-01-01T06:00:00") },
        // end_time
        FireRow("Minute with end_time: the end itself fires, nothing after", [
            "2026-11-25T12:00:00Z", "2026-11-25T12:15:00Z", "2026-11-25T12:30:00Z",
        ], ends: true) { try recurrence("Minute", 15, start: "2026-11-25T12:00:00", end: "2026-11-25T12:30:00") },
        FireRow("Day with end_time in New York", [
            "2026-12-01T14:00:00Z", "2026-12-02T14:00:00Z",
        ], ends: true) {
            try recurrence("Day", 1, start: "2026-12-01T09:00:00", zone: "America/New_York", end: "2026-12-03T08:59:59")
        },
        FireRow("end_time before creation: no fire at all", [], ends: true) {
            try recurrence("Minute", 5, end: "2026-11-25T10:00:00")
        },
        FireRow("Month with end_time, no start: creation fire and one more", [
            "2026-11-25T10:07:33Z", "2026-12-25T10:07:00Z",
        ], ends: true) { try recurrence("Month", 1, end: "2027-01-25T10:06:59") },
    ]

    @Test(arguments: frequencies)
    func firesAtTheHandComputedTimes(_ row: FireRow) throws {
        try row.check()
    }

    @Test func nextFireTimeIsStrictlyAfter() throws {
        let daily = try recurrence("Day", 1, start: "2026-12-01T06:30:00")
        #expect(daily.nextFireTime(after: utc("2026-12-01T06:30:00Z")).map(utcText) == "2026-12-02T06:30:00Z")
        #expect(daily.nextFireTime(after: utc("2026-12-01T06:29:59Z")).map(utcText) == "2026-12-01T06:30:00Z")
        #expect(daily.nextFireTime(after: utc("2020-01-01T00:00:00Z")).map(utcText) == "2026-12-01T06:30:00Z")
        #expect(daily.firstFireTime.map(utcText) == "2026-12-01T06:30:00Z")
    }

    @Test func creationFireIsTheFirstForAnyEarlierInstant() throws {
        let every15 = try recurrence("Minute", 15)
        #expect(every15.nextFireTime(after: utc("1999-01-01T00:00:00Z")).map(utcText) == "2026-11-25T10:07:33Z")
        #expect(every15.nextFireTime(after: utc("2026-11-25T10:07:33Z")).map(utcText) == "2026-11-25T10:22:33Z")
    }

    @Test func farFutureIsComputedDirectly() throws {
        let weekly = try recurrence("Week", 2, start: "2026-11-30T00:00:00", hours: [18], minutes: [30], weekDays: ["Monday", "Wednesday"])
        // 2026-11-30 + 5,200 weeks (36,400 days) = 2126-07-29, a Monday of an even week; the week before is odd.
        #expect(weekly.nextFireTime(after: utc("2126-07-19T00:00:00Z")).map(utcText) == "2126-07-29T18:30:00Z")
        #expect(weekly.nextFireTime(after: utc("9999-12-31T00:00:00Z")) == nil)
        let hugeInterval = try recurrence("Minute", Int.max)
        #expect(fireTimes(hugeInterval, after: nil, count: 3) == ["2026-11-25T10:07:33Z"])
    }
}
