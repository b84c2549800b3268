import Foundation
import Testing

@testable import Observability

@Suite struct RFC3339Tests {
    /// Deterministic pseudo-random numbers (SplitMix64) so a failure can be reproduced.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    private static func formatter(milliseconds: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = milliseconds ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    private static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// 1583-01-01: Foundation switches to the Julian calendar before October 1582, RFC 3339 does not.
    private static let firstGregorianYear: Int64 = -12_212_553_600_000
    /// 9999-12-31T23:59:59.999Z, the last instant with a four-digit year.
    private static let lastFourDigitYear: Int64 = 253_402_300_799_999

    @Test func matchesISO8601DateFormatterForRandomDates() {
        var generator = SeededGenerator(state: 0x5EED)
        let withMilliseconds = Self.formatter(milliseconds: true)
        let withoutMilliseconds = Self.formatter(milliseconds: false)
        for _ in 0..<1_000 {
            let date = Self.date(milliseconds: Int64.random(in: Self.firstGregorianYear...Self.lastFourDigitYear, using: &generator))
            #expect(rfc3339UTC(date) == withMilliseconds.string(from: date))
            #expect(rfc3339UTC(date, milliseconds: false) == withoutMilliseconds.string(from: date))
        }
    }

    /// Sub-millisecond instants round to the nearest millisecond, as ISO8601DateFormatter does.
    @Test func matchesISO8601DateFormatterForSubMillisecondDates() {
        var generator = SeededGenerator(state: 42)
        let withMilliseconds = Self.formatter(milliseconds: true)
        let withoutMilliseconds = Self.formatter(milliseconds: false)
        for _ in 0..<1_000 {
            let milliseconds = Int64.random(in: -2_000_000_000_000...5_000_000_000_000, using: &generator)
            let fraction = Double.random(in: -0.45...0.45, using: &generator)  // away from rounding ties
            let date = Date(timeIntervalSince1970: (Double(milliseconds) + fraction) / 1000)
            #expect(rfc3339UTC(date) == withMilliseconds.string(from: date))
            #expect(rfc3339UTC(date, milliseconds: false) == withoutMilliseconds.string(from: date))
        }
    }

    /// Year boundaries, leap days (including the 1900/2000/2100 century rules) and the epoch.
    @Test func matchesISO8601DateFormatterAroundYearBoundariesAndLeapDays() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let withMilliseconds = Self.formatter(milliseconds: true)
        let years = Array(1599...1605) + Array(1896...1904) + Array(1968...1972) + Array(1996...2004) + Array(2096...2104)
            + [2024, 2026, 2400, 9999]
        for year in years {
            for (month, day) in [(1, 1), (2, 28), (2, 29), (3, 1), (12, 31)] {
                let components = DateComponents(year: year, month: month, day: day)
                guard let start = calendar.date(from: components) else { continue }
                for offset in [-0.001, 0, 0.001, 86_399.999] {
                    let date = start.addingTimeInterval(offset)
                    #expect(rfc3339UTC(date) == withMilliseconds.string(from: date))
                }
            }
        }
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
        (1_795_687_872_345, "2026-11-26T10:11:12.345Z"),
        (-2_208_988_800_000, "1900-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00.000Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        (-62_198_755_200_000, "-0001-01-01T00:00:00.000Z"),
    ])
    func formatsKnownInstants(milliseconds: Int64, expected: String) {
        var bytes: [UInt8] = []
        RFC3339.append(millisecondsSinceEpoch: milliseconds, withMilliseconds: true, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func omitsMillisecondsWhenAsked() {
        #expect(rfc3339UTC(Self.date(milliseconds: 1_795_687_872_999), milliseconds: false) == "2026-11-26T10:11:12Z")
        #expect(rfc3339UTC(Self.date(milliseconds: -1), milliseconds: false) == "1969-12-31T23:59:59Z")
    }

    @Test func defaultsToNow() throws {
        let parser = Self.formatter(milliseconds: true)
        let before = Date()
        let stamp = rfc3339UTC()
        let parsed = try #require(parser.date(from: stamp))
        #expect(abs(parsed.timeIntervalSince(before)) < 5)
    }

    @Test func clampsInstantsOutsideTheRepresentableRange() {
        #expect(RFC3339.milliseconds(since1970: .infinity) > 0)
        #expect(RFC3339.milliseconds(since1970: -.infinity) < 0)
        #expect(RFC3339.milliseconds(since1970: .nan) == 0)
        #expect(!rfc3339UTC(Date.distantFuture).isEmpty)
    }

    @Test func currentMillisecondsAgreeWithDate() {
        let fromDate = Date().timeIntervalSince1970 * 1000
        let fromClock = Double(RFC3339.nowMilliseconds())
        #expect(abs(fromClock - fromDate) < 1_000)
    }

    /// Checks the days-to-civil arithmetic against a naive day-by-day calendar walk over ±400,000 days
    /// (about 1,100 years either side of 1970), proleptic Gregorian throughout.
    @Test func civilDateMatchesDayByDayWalk() {
        func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }
        func daysIn(_ month: Int64, of year: Int64) -> Int64 {
            switch month {
            case 2: isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
        var forward: (year: Int64, month: Int64, day: Int64) = (1970, 1, 1)
        var backward = forward
        var mismatches = 0
        for offset in Int64(0)...400_000 {
            if RFC3339.civilDate(daysSinceEpoch: offset) != forward { mismatches += 1 }
            if RFC3339.civilDate(daysSinceEpoch: -offset) != backward { mismatches += 1 }
            forward.day += 1
            if forward.day > daysIn(forward.month, of: forward.year) {
                forward.day = 1
                forward.month += 1
                if forward.month > 12 { forward = (forward.year + 1, 1, 1) }
            }
            backward.day -= 1
            if backward.day < 1 {
                backward.month -= 1
                if backward.month < 1 { backward = (backward.year - 1, 12, 31) }
                backward.day = daysIn(backward.month, of: backward.year)
            }
        }
        #expect(mismatches == 0)
    }
}
