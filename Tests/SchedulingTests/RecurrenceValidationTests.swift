import Foundation
import Scheduling
import Testing

/// Every SDK v1 `ScheduleRecurrence` rule (and the gateway's additions), one row each: the pointer it is
/// reported at and a phrase of the detail.
@Suite struct RecurrenceValidationTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let comment: String
        var frequency: String? = "Day"
        var interval: Int? = 1
        var start: String?
        var zone: String?
        var hours: [Int]?
        var minutes: [Int]?
        var weekDays: [String]?
        var timeOfDay: String?
        var end: String?
        let pointer: String
        let phrase: String
        var testDescription: String { comment }
    }

    static let rows: [Row] = [
        // frequency and interval
        Row(comment: "frequency missing", frequency: nil, pointer: "/frequency", phrase: "required"),
        Row(comment: "frequency not a name", frequency: "Daily", pointer: "/frequency", phrase: "\"Daily\" is not a frequency"),
        Row(comment: "frequency is case-sensitive", frequency: "minute", pointer: "/frequency", phrase: "exact case"),
        Row(comment: "interval missing", interval: nil, pointer: "/interval", phrase: "required"),
        Row(comment: "interval zero", interval: 0, pointer: "/interval", phrase: "at least 1, not 0"),
        Row(comment: "interval negative", interval: -5, pointer: "/interval", phrase: "at least 1, not -5"),
        // hours and minutes: only Day or Week, in range
        Row(comment: "hours with Month", frequency: "Month", hours: [9], pointer: "/hours", phrase: "only be given with frequency Day or Week, not Month"),
        Row(comment: "hours with Minute", frequency: "Minute", hours: [9], pointer: "/hours", phrase: "not Minute"),
        Row(comment: "minutes with Hour", frequency: "Hour", minutes: [5], pointer: "/minutes", phrase: "not Hour"),
        Row(comment: "minutes with Month", frequency: "Month", minutes: [5], pointer: "/minutes", phrase: "not Month"),
        Row(comment: "hour 24", hours: [1, 24], pointer: "/hours/1", phrase: "hour 24 is out of range 0–23"),
        Row(comment: "hour negative", hours: [-1], pointer: "/hours/0", phrase: "hour -1 is out of range"),
        Row(comment: "minute 60", minutes: [0, 30, 60], pointer: "/minutes/2", phrase: "minute 60 is out of range 0–59"),
        Row(comment: "hours empty", hours: [], pointer: "/hours", phrase: "at least one hour"),
        Row(comment: "minutes empty", minutes: [], pointer: "/minutes", phrase: "at least one minute"),
        // week_days: only Week, exact names
        Row(comment: "week_days with Day", weekDays: ["Monday"], pointer: "/week_days", phrase: "only be given with frequency Week, not Day"),
        Row(comment: "week_days bad name", frequency: "Week", weekDays: ["Monday", "Funday"], pointer: "/week_days/1", phrase: "\"Funday\" is not a week day"),
        Row(comment: "week_days lower case", frequency: "Week", weekDays: ["monday"], pointer: "/week_days/0", phrase: "exact case"),
        Row(comment: "week_days empty", frequency: "Week", weekDays: [], pointer: "/week_days", phrase: "at least one day"),
        // time_of_day
        Row(comment: "time_of_day with hours", hours: [9], timeOfDay: "09:30", pointer: "/time_of_day", phrase: "together with hours or minutes"),
        Row(comment: "time_of_day with minutes", minutes: [30], timeOfDay: "09:30", pointer: "/time_of_day", phrase: "together with hours or minutes"),
        Row(comment: "time_of_day with Month", frequency: "Month", timeOfDay: "09:30", pointer: "/time_of_day", phrase: "only be given with frequency Day or Week, not Month"),
        Row(comment: "time_of_day hour 25", timeOfDay: "25:00", pointer: "/time_of_day", phrase: "is not a time of day"),
        Row(comment: "time_of_day minute 60", timeOfDay: "09:60", pointer: "/time_of_day", phrase: "is not a time of day"),
        Row(comment: "time_of_day with seconds", timeOfDay: "09:30:00", pointer: "/time_of_day", phrase: "\"HH:MM\""),
        Row(comment: "time_of_day one-digit minute", timeOfDay: "9:5", pointer: "/time_of_day", phrase: "\"HH:MM\""),
        // time_zone
        Row(comment: "unknown time zone", zone: "Mars/Olympus_Mons", pointer: "/time_zone", phrase: "\"Mars/Olympus_Mons\" is not a known time zone"),
        Row(comment: "empty time zone", zone: "", pointer: "/time_zone", phrase: "is not a known time zone"),
        Row(comment: "IANA names are case-sensitive", zone: "europe/berlin", pointer: "/time_zone", phrase: "not a known time zone"),
        // start_time and end_time: local, no offset, real dates
        Row(comment: "start_time with Z", start: "2026-12-01T09:00:00Z", pointer: "/start_time", phrase: "has a UTC offset or Z"),
        Row(comment: "start_time with offset", start: "2026-12-01T09:00:00+01:00", pointer: "/start_time", phrase: "has a UTC offset or Z"),
        Row(comment: "start_time with fraction and offset", start: "2026-12-01T09:00:00.000-05:00", pointer: "/start_time", phrase: "has a UTC offset or Z"),
        Row(comment: "start_time date only", start: "2026-12-01", pointer: "/start_time", phrase: "is not a local date-time YYYY-MM-DDThh:mm:ss"),
        Row(comment: "start_time without seconds", start: "2026-12-01T09:00", pointer: "/start_time", phrase: "YYYY-MM-DDThh:mm:ss"),
        Row(comment: "start_time 30 February", start: "2026-02-30T09:00:00", pointer: "/start_time", phrase: "is not a real date and time"),
        Row(comment: "start_time hour 24", start: "2026-12-01T24:00:00", pointer: "/start_time", phrase: "is not a real date and time"),
        Row(comment: "end_time with Z", end: "2026-12-01T09:00:00Z", pointer: "/end_time", phrase: "has a UTC offset or Z"),
        Row(comment: "end_time garbage", end: "tomorrow", pointer: "/end_time", phrase: "is not a local date-time"),
        Row(comment: "end_time before start_time", start: "2026-12-02T00:00:00", end: "2026-12-01T00:00:00", pointer: "/end_time", phrase: "is before start_time"),
    ]

    @Test(arguments: rows)
    func reportsTheRuleAtItsField(_ row: Row) {
        do {
            _ = try Recurrence(
                frequency: row.frequency, interval: row.interval, startTime: row.start, timeZone: row.zone,
                hours: row.hours, minutes: row.minutes, weekDays: row.weekDays, timeOfDay: row.timeOfDay,
                endTime: row.end, createdAt: utc(defaultCreatedAt))
            Issue.record("accepted: \(row.comment)")
        } catch {
            #expect(error.problems.count == 1, "\(error.problems)")
            #expect(error.problems.first?.pointer == row.pointer)
            #expect(error.problems.first?.detail.contains(row.phrase) == true, "\(error.problems)")
        }
    }

    @Test func reportsEveryProblemAtOnce() {
        do {
            _ = try Recurrence(
                frequency: "Month", interval: 0, startTime: "2026-12-01T09:00:00Z", timeZone: "Nowhere",
                hours: [25], minutes: nil, weekDays: ["Caturday"], timeOfDay: "9:00", endTime: nil,
                createdAt: utc(defaultCreatedAt))
            Issue.record("accepted")
        } catch {
            #expect(
                error.problems.map(\.pointer) == [
                    "/interval", "/hours", "/hours/0", "/week_days", "/week_days/0", "/time_of_day", "/time_of_day",
                    "/time_zone", "/start_time",
                ])
        }
    }

    struct ValidRow: Sendable, CustomTestStringConvertible {
        let comment: String
        let make: @Sendable () throws -> Recurrence
        var testDescription: String { comment }
    }

    static let validRows: [ValidRow] = [
        ValidRow(comment: "every 15 minutes") { try recurrence("Minute", 15) },
        ValidRow(comment: "hours and minutes with Week") { try recurrence("Week", 1, hours: [2, 14], minutes: [0, 30], weekDays: ["Monday", "Friday"]) },
        ValidRow(comment: "time_of_day with Day, one-digit hour") { try recurrence("Day", 1, timeOfDay: "6:30") },
        ValidRow(comment: "Windows zone by name") { try recurrence("Day", 1, start: "2026-11-25T02:00:00", zone: "W. Europe Standard Time") },
        ValidRow(comment: "Windows zone by SDK enum member, any case") { try recurrence("Day", 1, zone: "weuropestandardtime") },
        ValidRow(comment: "end_time equal to start_time") { try recurrence("Day", 1, start: "2026-12-01T00:00:00", end: "2026-12-01T00:00:00") },
        ValidRow(comment: "huge interval") { try recurrence("Minute", Int.max) },
    ]

    @Test(arguments: validRows)
    func acceptsWhatTheSDKAccepts(_ row: ValidRow) throws {
        _ = try row.make()
    }

    @Test func keepsTheFieldsAsGiven() throws {
        let value = try recurrence(
            "Week", 2, start: "2026-11-30T00:00:00", zone: "Eastern Standard Time", hours: [18], minutes: [30],
            weekDays: ["Monday", "Wednesday"], end: "2027-06-30T23:59:59")
        #expect(value.frequency == .week)
        #expect(value.interval == 2)
        #expect(value.startTime?.description == "2026-11-30T00:00:00")
        #expect(value.endTime?.description == "2027-06-30T23:59:59")
        #expect(value.timeZone.name == "Eastern Standard Time")
        #expect(value.timeZone.identifier == "America/New_York")
        #expect(value.hours == [18])
        #expect(value.minutes == [30])
        #expect(value.weekDays == [.monday, .wednesday])
        #expect(value.timeOfDay == nil)
        #expect(value.createdAt == utc(defaultCreatedAt))
    }

    @Test func defaultsToUTC() throws {
        #expect(try recurrence("Hour", 1).timeZone.identifier == "UTC")
    }
}
