import Testing

@testable import Scheduling

/// Wall-clock recurrences across DST: a time in the skipped hour fires once at the transition instant, a time
/// in the repeated hour fires once at its first occurrence; Minute and Hour ignore DST.
///
/// 2026 transitions: Europe/Berlin 29 Mar and 25 Oct at 01:00Z; America/New_York 8 Mar at 07:00Z and
/// 1 Nov at 06:00Z; Australia/Sydney 5 Apr at 16:00Z on the 4th (back) and 4 Oct at 16:00Z on the 3rd (forward).
@Suite struct RecurrenceDSTTests {
    static let rows: [FireRow] = [
        // Europe/Berlin
        FireRow("Berlin spring: daily 02:30 fires at the transition on the 29th", [
            "2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-03-27T00:00:00", zone: "Europe/Berlin", timeOfDay: "02:30", createdAt: "2026-03-01T00:00:00Z") },
        FireRow("Berlin spring: 02:00 and 02:30 both in the gap fire once", [
            "2026-03-28T01:00:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z",
            "2026-03-30T00:30:00Z",
        ]) {
            try recurrence("Day", 1, start: "2026-03-28T00:00:00", zone: "Europe/Berlin", hours: [2], minutes: [0, 30], createdAt: "2026-03-01T00:00:00Z")
        },
        FireRow("Berlin spring: 02:00, 02:30 and 03:00 are one instant, fired once", [
            "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:00:00Z",
        ]) {
            try recurrence("Day", 1, start: "2026-03-29T00:00:00", zone: "Europe/Berlin", hours: [2, 3], minutes: [30, 0], createdAt: "2026-03-01T00:00:00Z")
        },
        FireRow("Berlin autumn: daily 02:30 fires on the first pass only", [
            "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-10-24T00:00:00", zone: "Europe/Berlin", timeOfDay: "02:30", createdAt: "2026-10-01T00:00:00Z") },
        FireRow("Berlin autumn: asked from inside the second pass, the next is the next day", after: "2026-10-25T01:10:00Z", [
            "2026-10-26T01:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-10-24T00:00:00", zone: "Europe/Berlin", timeOfDay: "02:30", createdAt: "2026-10-01T00:00:00Z") },
        FireRow("Berlin spring: weekly Sunday 09:00 keeps 09:00 local", [
            "2026-03-22T08:00:00Z", "2026-03-29T07:00:00Z", "2026-04-05T07:00:00Z",
        ]) { try recurrence("Week", 1, start: "2026-03-22T09:00:00", zone: "Europe/Berlin", weekDays: ["Sunday"], createdAt: "2026-03-01T00:00:00Z") },
        FireRow("Berlin autumn: weekly Sunday 09:00 keeps 09:00 local", after: "2026-10-17T00:00:00Z", [
            "2026-10-18T07:00:00Z", "2026-10-25T08:00:00Z", "2026-11-01T08:00:00Z",
        ]) { try recurrence("Week", 1, start: "2026-03-22T09:00:00", zone: "Europe/Berlin", weekDays: ["Sunday"], createdAt: "2026-03-01T00:00:00Z") },
        FireRow("Berlin: monthly on the 29th at 02:30 meets the gap in March", [
            "2026-01-29T01:30:00Z", "2026-02-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-04-29T00:30:00Z",
        ]) { try recurrence("Month", 1, start: "2026-01-29T02:30:00", zone: "Europe/Berlin", createdAt: "2026-01-01T00:00:00Z") },
        FireRow("Berlin: Hour steps in absolute time through the gap", [
            "2026-03-28T23:00:00Z", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z",
        ]) { try recurrence("Hour", 1, start: "2026-03-29T00:00:00", zone: "Europe/Berlin", createdAt: "2026-03-01T00:00:00Z") },
        FireRow("Berlin: Minute steps in absolute time through the repeat", after: "2026-10-25T00:50:00Z", [
            "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z",
        ]) { try recurrence("Minute", 30, start: "2026-10-24T00:00:00", zone: "Europe/Berlin", createdAt: "2026-10-01T00:00:00Z") },
        FireRow("Minute start_time inside the gap anchors at the transition", [
            "2026-03-29T01:00:00Z", "2026-03-29T01:45:00Z",
        ]) { try recurrence("Minute", 45, start: "2026-03-29T02:30:00", zone: "Europe/Berlin", createdAt: "2026-03-01T00:00:00Z") },
        // Windows name for Berlin
        FireRow("W. Europe Standard Time: same gap rule", [
            "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z",
        ]) {
            try recurrence("Day", 1, start: "2026-03-28T00:00:00", zone: "W. Europe Standard Time", timeOfDay: "02:30", createdAt: "2026-03-01T00:00:00Z")
        },
        FireRow("W. Europe Standard Time: same repeat rule", [
            "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z",
        ]) {
            try recurrence("Day", 1, start: "2026-10-25T00:00:00", zone: "W. Europe Standard Time", timeOfDay: "02:30", createdAt: "2026-10-01T00:00:00Z")
        },
        // America/New_York
        FireRow("New York spring: daily 02:30", [
            "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-03-07T00:00:00", zone: "America/New_York", timeOfDay: "02:30", createdAt: "2026-03-01T00:00:00Z") },
        FireRow("New York autumn: daily 01:30", [
            "2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-10-31T00:00:00", zone: "America/New_York", timeOfDay: "01:30", createdAt: "2026-10-01T00:00:00Z") },
        FireRow("Eastern Standard Time (Windows): weekly Sunday 02:15 in the gap", [
            "2026-03-01T07:15:00Z", "2026-03-08T07:00:00Z", "2026-03-15T06:15:00Z",
        ]) {
            try recurrence("Week", 1, start: "2026-03-01T02:15:00", zone: "Eastern Standard Time", createdAt: "2026-02-01T00:00:00Z")
        },
        // Australia/Sydney
        FireRow("Sydney April (back): daily 02:30 first pass only", [
            "2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-04-04T00:00:00", zone: "Australia/Sydney", timeOfDay: "02:30", createdAt: "2026-03-01T00:00:00Z") },
        FireRow("Sydney October (forward): daily 02:30 at the transition", [
            "2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z",
        ]) { try recurrence("Day", 1, start: "2026-10-03T00:00:00", zone: "Australia/Sydney", timeOfDay: "02:30", createdAt: "2026-09-01T00:00:00Z") },
        FireRow("AUS Eastern Standard Time (Windows): same forward rule", [
            "2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z",
        ]) {
            try recurrence("Day", 1, start: "2026-10-03T00:00:00", zone: "AUS Eastern Standard Time", timeOfDay: "02:30", createdAt: "2026-09-01T00:00:00Z")
        },
    ]

    @Test(arguments: rows)
    func followsTheDSTRules(_ row: FireRow) throws {
        try row.check()
    }
}
