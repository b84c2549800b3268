import Testing

@testable import Scheduling

/// Parsing five-field cron expressions: what each field accepts, and every error naming its field.
@Suite struct CronExpressionTests {
    struct ErrorRow: Sendable, CustomTestStringConvertible {
        let expression: String
        let details: [String]
        var testDescription: String { "\"\(expression)\"" }
    }

    static let errors: [ErrorRow] = [
        ErrorRow(expression: "61 * * * *", details: [#"field 1 (minute) "61": 61 is above the maximum 59"#]),
        ErrorRow(expression: "* 24 * * *", details: [#"field 2 (hour) "24": 24 is above the maximum 23"#]),
        ErrorRow(expression: "* * 0 * *", details: [#"field 3 (day-of-month) "0": 0 is below the minimum 1"#]),
        ErrorRow(expression: "* * 32 * *", details: [#"field 3 (day-of-month) "32": 32 is above the maximum 31"#]),
        ErrorRow(expression: "* * * 13 *", details: [#"field 4 (month) "13": 13 is above the maximum 12"#]),
        ErrorRow(expression: "* * * FOO *", details: [#"field 4 (month) "FOO": "FOO" is not a number or a name such as JAN"#]),
        ErrorRow(expression: "* * * * 8", details: [#"field 5 (day-of-week) "8": 8 is above the maximum 7"#]),
        ErrorRow(expression: "* * * * MOON", details: [#"field 5 (day-of-week) "MOON": "MOON" is not a number or a name such as MON"#]),
        ErrorRow(expression: "* MON * * *", details: [#"field 2 (hour) "MON": "MON" is not a number"#]),
        ErrorRow(expression: "*/0 * * * *", details: [#"field 1 (minute) "*/0": step must be at least 1"#]),
        ErrorRow(expression: "*/x * * * *", details: [#"field 1 (minute) "*/x": step "x" is not a number"#]),
        ErrorRow(expression: "30-10 * * * *", details: [#"field 1 (minute) "30-10": range "30-10" starts after it ends"#]),
        ErrorRow(expression: "* * * * SAT-MON", details: [#"field 5 (day-of-week) "SAT-MON": range "SAT-MON" starts after it ends"#]),
        ErrorRow(expression: "1,,2 * * * *", details: [#"field 1 (minute) "1,,2": empty list item"#]),
        ErrorRow(expression: "1-2-3 * * * *", details: [#"field 1 (minute) "1-2-3": too many "-" in "1-2-3""#]),
        ErrorRow(expression: "*/5/2 * * * *", details: [#"field 1 (minute) "*/5/2": too many "/" in "*/5/2""#]),
        ErrorRow(expression: "5- * * * *", details: [#"field 1 (minute) "5-": missing value in a range"#]),
        ErrorRow(expression: "-5 * * * *", details: [#"field 1 (minute) "-5": missing value in a range"#]),
        ErrorRow(expression: "99999999999999999999 * * * *", details: [#"field 1 (minute) "99999999999999999999": 99999999999999999999 is above the maximum 59"#]),
        ErrorRow(expression: "60 25 * * *", details: [
            #"field 1 (minute) "60": 60 is above the maximum 59"#, #"field 2 (hour) "25": 25 is above the maximum 23"#,
        ]),
        ErrorRow(expression: "* * * *", details: ["expected 5 fields (minute hour day-of-month month day-of-week), found 4"]),
        ErrorRow(expression: "0 * * * * *", details: ["expected 5 fields (minute hour day-of-month month day-of-week), found 6"]),
        ErrorRow(expression: "   ", details: ["expected 5 fields (minute hour day-of-month month day-of-week), found 0"]),
        ErrorRow(expression: "@daily", details: ["expected 5 fields (minute hour day-of-month month day-of-week), found 1"]),
        ErrorRow(expression: "0 0 L * *", details: [#"field 3 (day-of-month) "L": "L" is not a number"#]),
        // Expressions that can never match are refused up front.
        ErrorRow(expression: "0 0 30 2 *", details: [
            "the expression never matches: no day in the day-of-month field exists in any month of the month field (e.g. 30 February)"
        ]),
        ErrorRow(expression: "0 0 31 4,6,9,11 *", details: [
            "the expression never matches: no day in the day-of-month field exists in any month of the month field (e.g. 30 February)"
        ]),
        ErrorRow(expression: "0 0 30,31 FEB */2", details: [
            "the expression never matches: no day in the day-of-month field exists in any month of the month field (e.g. 30 February)"
        ]),
    ]

    @Test(arguments: errors)
    func pointsAtTheBadField(_ row: ErrorRow) {
        do {
            _ = try CronExpression(row.expression)
            Issue.record("accepted \(row.expression)")
        } catch {
            #expect(error.problems.map(\.pointer) == Array(repeating: "/expression", count: row.details.count))
            #expect(error.problems.map(\.detail) == row.details)
        }
    }

    struct SetRow: Sendable, CustomTestStringConvertible {
        let expression: String
        let minutes: [Int]
        let hours: [Int]
        let daysOfMonth: [Int]
        let months: [Int]
        let daysOfWeek: [Int]
        var testDescription: String { "\"\(expression)\"" }
    }

    static let all = (minutes: Array(0...59), hours: Array(0...23), days: Array(1...31), months: Array(1...12), weekdays: Array(0...6))

    static let sets: [SetRow] = [
        SetRow(expression: "* * * * *", minutes: all.minutes, hours: all.hours, daysOfMonth: all.days, months: all.months, daysOfWeek: all.weekdays),
        SetRow(expression: "*/7 * * * *", minutes: [0, 7, 14, 21, 28, 35, 42, 49, 56], hours: all.hours, daysOfMonth: all.days, months: all.months, daysOfWeek: all.weekdays),
        SetRow(expression: "1-30/5 */6 * * *", minutes: [1, 6, 11, 16, 21, 26], hours: [0, 6, 12, 18], daysOfMonth: all.days, months: all.months, daysOfWeek: all.weekdays),
        SetRow(expression: "5/15 9-17 * * *", minutes: [5, 20, 35, 50], hours: Array(9...17), daysOfMonth: all.days, months: all.months, daysOfWeek: all.weekdays),
        SetRow(expression: "0,30 8,12-13 1,15 * *", minutes: [0, 30], hours: [8, 12, 13], daysOfMonth: [1, 15], months: all.months, daysOfWeek: all.weekdays),
        SetRow(expression: "0 0 * jan,Jul,DEC *", minutes: [0], hours: [0], daysOfMonth: all.days, months: [1, 7, 12], daysOfWeek: all.weekdays),
        SetRow(expression: "0 0 * FEB-apr/2 *", minutes: [0], hours: [0], daysOfMonth: all.days, months: [2, 4], daysOfWeek: all.weekdays),
        SetRow(expression: "0 0 * * MON-FRI", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [1, 2, 3, 4, 5]),
        SetRow(expression: "0 0 * * 7", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [0]),
        SetRow(expression: "0 0 * * 0,7", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [0]),
        SetRow(expression: "0 0 * * sun", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [0]),
        SetRow(expression: "0 0 * * FRI-SUN", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [0, 5, 6]),
        SetRow(expression: "0 0 * * 5-7", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [0, 5, 6]),
        SetRow(expression: "0 0 * * */2", minutes: [0], hours: [0], daysOfMonth: all.days, months: all.months, daysOfWeek: [0, 2, 4, 6]),
        SetRow(expression: "*/100 0 */30 2 *", minutes: [0], hours: [0], daysOfMonth: [1, 31], months: [2], daysOfWeek: all.weekdays),
        SetRow(expression: "  0\t12  * * *  ", minutes: [0], hours: [12], daysOfMonth: all.days, months: all.months, daysOfWeek: all.weekdays),
    ]

    @Test(arguments: sets)
    func expandsEachField(_ row: SetRow) throws {
        let expression = try CronExpression(row.expression)
        func values(_ bits: UInt64, _ range: ClosedRange<Int>) -> [Int] { range.filter { CronExpression.contains(bits, $0) } }
        #expect(values(expression.minutes, 0...59) == row.minutes)
        #expect(values(expression.hours, 0...23) == row.hours)
        #expect(values(expression.daysOfMonth, 1...31) == row.daysOfMonth)
        #expect(values(expression.months, 1...12) == row.months)
        #expect(values(expression.daysOfWeek, 0...7) == row.daysOfWeek)
        #expect(expression.description == row.expression)
    }

    /// Vixie's rule: both day fields restricted → either matches; one starts with `*` → both must.
    @Test func dayFieldsCombineByVixiesRule() throws {
        let either = try CronExpression("0 0 13 * FRI")
        #expect(either.matches(try #require(LocalDateTime("2026-11-13T00:00:00"))))  // Friday the 13th
        #expect(either.matches(try #require(LocalDateTime("2026-12-13T00:00:00"))))  // a Sunday, the 13th
        #expect(either.matches(try #require(LocalDateTime("2026-11-27T00:00:00"))))  // a Friday, the 27th
        #expect(!either.matches(try #require(LocalDateTime("2026-11-26T00:00:00"))))
        let both = try CronExpression("0 0 */10 * MON")
        #expect(both.matches(try #require(LocalDateTime("2026-12-21T00:00:00"))))  // Monday the 21st
        #expect(!both.matches(try #require(LocalDateTime("2026-12-11T00:00:00"))))  // Friday the 11th
        #expect(!both.matches(try #require(LocalDateTime("2026-12-14T00:00:00"))))  // Monday the 14th
        #expect(!both.matches(try #require(LocalDateTime("2026-12-21T00:01:00"))))
    }

    @Test func possibleDespiteShortMonths() throws {
        _ = try CronExpression("0 0 29 2 *")
        _ = try CronExpression("0 0 31 4,7 *")
        _ = try CronExpression("0 0 30 2 MON")  // OR rule: every Monday of February
        _ = try CronExpression("0 0 29 2 */7")  // AND rule: 29 February on a Sunday
    }
}
