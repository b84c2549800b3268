import Testing

@testable import Scheduling

/// Cron fire times: field jumps, leap days, the OR rule, DST, start/end, and a search that stays short.
/// Expected instants are hand-computed; rows are created 2026-11-25T10:07:33Z (a Wednesday) unless noted.
@Suite struct CronScheduleTests {
    static let rows: [FireRow] = [
        FireRow("no fire at creation: the first match", ["2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z"]) { try cron("0 0 * * *") },
        FireRow("*/7 minutes wraps at the hour to :00", after: "2026-11-25T10:50:00Z", [
            "2026-11-25T10:56:00Z", "2026-11-25T11:00:00Z", "2026-11-25T11:07:00Z",
        ]) { try cron("*/7 * * * *") },
        FireRow("1-30/5 minutes", ["2026-11-25T10:11:00Z", "2026-11-25T10:16:00Z", "2026-11-25T10:21:00Z", "2026-11-25T10:26:00Z", "2026-11-25T11:01:00Z"]) {
            try cron("1-30/5 * * * *")
        },
        FireRow("5/15 means 5-59/15", ["2026-11-25T10:20:00Z", "2026-11-25T10:35:00Z", "2026-11-25T10:50:00Z", "2026-11-25T11:05:00Z"]) {
            try cron("5/15 * * * *")
        },
        FireRow("MON-FRI at 09:00 skips the weekend", after: "2026-11-27T10:00:00Z", ["2026-11-30T09:00:00Z", "2026-12-01T09:00:00Z"]) {
            try cron("0 9 * * MON-FRI")
        },
        FireRow("both day fields restricted: the 13th OR a Friday", [
            "2026-11-27T00:00:00Z", "2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z", "2026-12-13T00:00:00Z", "2026-12-18T00:00:00Z",
        ]) { try cron("0 0 13 * FRI") },
        FireRow("a starred day-of-month: the 1st/11th/21st/31st AND a Monday", [
            "2026-12-21T00:00:00Z", "2027-01-11T00:00:00Z", "2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z",
        ]) { try cron("0 0 */10 * MON") },
        FireRow("Mondays of January and July at noon", ["2027-01-04T12:00:00Z", "2027-01-11T12:00:00Z", "2027-01-18T12:00:00Z"]) {
            try cron("0 12 * jan,Jul mon")
        },
        FireRow("7 is Sunday", ["2026-11-29T00:00:00Z", "2026-12-06T00:00:00Z"]) { try cron("0 0 * * 7") },
        FireRow("0 is Sunday", ["2026-11-29T00:00:00Z", "2026-12-06T00:00:00Z"]) { try cron("0 0 * * 0") },
        FireRow("FRI-SUN", ["2026-11-27T00:00:00Z", "2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z", "2026-12-04T00:00:00Z"]) {
            try cron("0 0 * * FRI-SUN")
        },
        FireRow("the 31st skips shorter months", ["2026-12-31T00:00:00Z", "2027-01-31T00:00:00Z", "2027-03-31T00:00:00Z"]) {
            try cron("0 0 31 * *")
        },
        FireRow("leap day", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"]) { try cron("0 0 29 2 *") },
        FireRow("leap day after 2100, which is no leap year", after: "2099-03-01T00:00:00Z", ["2104-02-29T00:00:00Z"]) {
            try cron("0 0 29 2 *")
        },
        FireRow("29 February on a Sunday: 28 and 40 years apart", ["2032-02-29T00:00:00Z", "2060-02-29T00:00:00Z", "2088-02-29T00:00:00Z", "2128-02-29T00:00:00Z"]) {
            try cron("0 0 29 2 */7")
        },
        // time zones and DST
        FireRow("Windows zone name", ["2026-11-26T08:00:00Z"]) { try cron("0 9 * * *", zone: "W. Europe Standard Time") },
        FireRow("Berlin spring: 02:30 fires at the transition", [
            "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z",
        ]) { try cron("30 2 * * *", zone: "Europe/Berlin", createdAt: "2026-03-27T12:00:00Z") },
        FireRow("Berlin spring: every match in the gap and 03:00 fire once", after: "2026-03-29T00:40:00Z", [
            "2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z", "2026-03-29T01:30:00Z",
        ]) { try cron("*/15 * * * *", zone: "Europe/Berlin", createdAt: "2026-03-01T00:00:00Z") },
        FireRow("Berlin autumn: the repeated hour fires on its first pass only", after: "2026-10-24T23:50:00Z", [
            "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z",
        ]) { try cron("*/30 * * * *", zone: "Europe/Berlin", createdAt: "2026-10-01T00:00:00Z") },
        FireRow("New York spring: 02:30", ["2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]) {
            try cron("30 2 * * *", zone: "America/New_York", createdAt: "2026-03-06T12:00:00Z")
        },
        FireRow("New York autumn: 01:30", ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]) {
            try cron("30 1 * * *", zone: "America/New_York", createdAt: "2026-10-30T12:00:00Z")
        },
        FireRow("Sydney October: 02:30", ["2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z"]) {
            try cron("30 2 * * *", zone: "Australia/Sydney", createdAt: "2026-10-02T12:00:00Z")
        },
        FireRow("Sydney April: 02:30", ["2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"]) {
            try cron("30 2 * * *", zone: "Australia/Sydney", createdAt: "2026-04-03T12:00:00Z")
        },
        // start_time and end_time
        FireRow("future start_time and end_time bound the fires", ["2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z", "2026-12-01T03:00:00Z"], ends: true) {
            try cron("0 * * * *", start: "2026-12-01T00:30:00", end: "2026-12-01T03:00:00")
        },
        FireRow("a start_time on a match fires on it", ["2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z"]) {
            try cron("0 * * * *", start: "2026-12-01T01:00:00")
        },
        FireRow("past start_time: the next match after creation", ["2026-11-25T11:00:00Z", "2026-11-25T12:00:00Z"]) {
            try cron("0 * * * *", start: "2026-01-01T00:00:00")
        },
        FireRow("end_time before creation: nothing", [], ends: true) { try cron("* * * * *", end: "2026-11-25T00:00:00") },
    ]

    @Test(arguments: rows)
    func firesAtTheHandComputedTimes(_ row: FireRow) throws {
        try row.check()
    }

    struct StepsRow: Sendable, CustomTestStringConvertible {
        let expression: String
        let from: String
        let match: String
        let maxSteps: Int
        var testDescription: String { "\(expression) from \(from)" }
    }

    /// The search jumps by field: a match years away takes a handful of steps per month passed, not one per
    /// minute (1 year = 525,600 minutes).
    static let steps: [StepsRow] = [
        StepsRow(expression: "0 0 29 2 *", from: "2029-03-01T00:00:00", match: "2032-02-29T00:00:00", maxSteps: 30),
        StepsRow(expression: "0 0 29 2 *", from: "2100-01-01T00:00:00", match: "2104-02-29T00:00:00", maxSteps: 30),
        StepsRow(expression: "0 0 29 2 */7", from: "2060-03-01T00:00:00", match: "2088-02-29T00:00:00", maxSteps: 300),
        StepsRow(expression: "59 23 31 12 *", from: "2026-01-01T00:00:00", match: "2026-12-31T23:59:00", maxSteps: 10),
        StepsRow(expression: "* * * * *", from: "2026-01-01T00:00:30", match: "2026-01-01T00:01:00", maxSteps: 1),
        StepsRow(expression: "0 0 1 1 MON", from: "2026-01-02T00:00:00", match: "2026-01-05T00:00:00", maxSteps: 10),
    ]

    @Test(arguments: steps)
    func searchJumpsByField(_ row: StepsRow) throws {
        let expression = try CronExpression(row.expression)
        let from = try #require(LocalDateTime(row.from))
        let result = expression.nextMatch(onOrAfter: from.localSeconds)
        #expect(result.match.map { LocalDateTime(localSeconds: $0).description } == row.match)
        #expect(result.steps <= row.maxSteps, "\(result.steps) steps")
    }

    @Test func validatesEveryFieldAtOnce() {
        do {
            _ = try cron("61 * * * *", zone: "Atlantis/Capital", start: "2026-12-01T00:00:00+00:00", end: "2026-13-01T00:00:00")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.pointer) == ["/expression", "/time_zone", "/start_time", "/end_time"])
        }
        do {
            _ = try CronSchedule(expression: nil, createdAt: utc(defaultCreatedAt))
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.pointer) == ["/expression"])
            #expect(error.problems.first?.detail.contains("required") == true)
        }
        do {
            _ = try cron("0 0 * * *", start: "2026-12-02T00:00:00", end: "2026-12-01T00:00:00")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.pointer) == ["/end_time"])
        }
    }

    @Test func keepsItsFields() throws {
        let schedule = try cron("0 9 * * MON-FRI", zone: "Europe/Berlin", start: "2026-12-01T00:00:00", end: "2027-12-01T00:00:00")
        #expect(schedule.expression.description == "0 9 * * MON-FRI")
        #expect(schedule.timeZone.identifier == "Europe/Berlin")
        #expect(schedule.startTime?.description == "2026-12-01T00:00:00")
        #expect(schedule.endTime?.description == "2027-12-01T00:00:00")
    }
}
