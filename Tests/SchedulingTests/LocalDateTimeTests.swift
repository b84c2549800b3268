import Testing

@testable import Scheduling

/// `YYYY-MM-DDThh:mm:ss` wall-clock values: strict parsing, offsets recognised, calendar arithmetic.
@Suite struct LocalDateTimeTests {
    static let valid: [String] = [
        "2026-11-25T10:07:33", "2028-02-29T00:00:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "2000-02-29T12:00:00",
    ]

    @Test(arguments: valid)
    func parsesAndPrintsTheSameText(_ text: String) throws {
        #expect(try #require(LocalDateTime(text)).description == text)
    }

    static let invalid: [String] = [
        "", "2026-11-25", "2026-11-25 10:07:33", "2026-11-25T10:07", "2026-11-25T10:07:33Z", "2026-11-25T10:07:33+01:00",
        "2026-11-25T10:07:33.5", "2027-02-29T00:00:00", "1900-02-29T00:00:00", "2026-04-31T00:00:00", "2026-13-01T00:00:00",
        "2026-00-10T00:00:00", "0000-01-01T00:00:00", "2026-11-25T24:00:00", "2026-11-25T10:60:00", "2026-11-25T10:07:60",
        "２０２６-11-25T10:07:33", "+026-11-25T10:07:33", "2026-1-025T10:07:33",
    ]

    @Test(arguments: invalid)
    func refusesAnythingElse(_ text: String) {
        #expect(LocalDateTime(text) == nil)
    }

    static let offsets: [(String, Bool)] = [
        ("2026-11-25T10:07:33Z", true), ("2026-11-25T10:07:33z", true), ("2026-11-25T10:07:33+01:00", true),
        ("2026-11-25T10:07:33-0500", true), ("2026-11-25T10:07:33.123Z", true), ("2026-11-25 10:07:33Z", true),
        ("2026-11-25T10:07:33", false), ("2026-11-25T10:07:33.5", false), ("2026-11-25", false), ("garbage+01:00", false),
    ]

    @Test(arguments: offsets)
    func recognisesOffsets(_ text: String, _ hasOffset: Bool) {
        #expect(LocalDateTime.hasOffset(text) == hasOffset)
    }

    @Test func fieldInitializerChecksTheCalendar() {
        #expect(LocalDateTime(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDateTime(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2026, month: 6, day: 31) == nil)
        #expect(LocalDateTime(year: 2026, month: 6, day: 30, hour: 23, minute: 59, second: 59)?.description == "2026-06-30T23:59:59")
    }

    @Test func ordersChronologically() throws {
        let earlier = try #require(LocalDateTime("2026-12-31T23:59:59"))
        let later = try #require(LocalDateTime("2027-01-01T00:00:00"))
        #expect(earlier < later)
        #expect(later.localSeconds - earlier.localSeconds == 1)
    }

    /// Day numbers and weekdays checked against dates whose weekday is known.
    @Test func civilArithmetic() {
        #expect(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.isoWeekday(dayNumber: 0) == 4)  // Thursday
        #expect(CivilCalendar.isoWeekday(dayNumber: CivilCalendar.dayNumber(year: 2026, month: 11, day: 25)) == 3)  // Wednesday
        #expect(CivilCalendar.isoWeekday(dayNumber: CivilCalendar.dayNumber(year: 2026, month: 3, day: 29)) == 7)  // Sunday
        #expect(CivilCalendar.isoWeekday(dayNumber: CivilCalendar.dayNumber(year: 1969, month: 12, day: 29)) == 1)  // Monday
        let date = CivilCalendar.date(dayNumber: CivilCalendar.dayNumber(year: 2028, month: 2, day: 29))
        #expect(date.year == 2028 && date.month == 2 && date.day == 29)
        #expect(LocalDateTime(localSeconds: -1).description == "1969-12-31T23:59:59")
    }
}
