public import Foundation
import Glibc

/// Formats a date as an RFC 3339 UTC timestamp, e.g. `2026-11-25T10:11:12.345Z`.
///
/// Hand-rolled (days-to-civil arithmetic, no `DateFormatter`, no time zone database, no locale) because
/// every log line carries a timestamp and formatter objects are slow and not safe to share across threads.
/// The output matches `ISO8601DateFormatter` with `[.withInternetDateTime, .withFractionalSeconds]`
/// (or without fractional seconds when `milliseconds` is `false`): the instant is rounded to the nearest
/// millisecond first, and whole seconds are then shown without rounding up.
public func rfc3339UTC(_ date: Date = Date(), milliseconds: Bool = true) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(RFC3339.maximumLength)
    RFC3339.append(
        millisecondsSinceEpoch: RFC3339.milliseconds(since1970: date.timeIntervalSince1970),
        withMilliseconds: milliseconds,
        to: &bytes
    )
    return String(decoding: bytes, as: UTF8.self)
}

/// The arithmetic behind `rfc3339UTC`, writing straight into a byte buffer so the log encoder
/// can stamp a line without creating an intermediate `String`.
enum RFC3339 {
    /// Longest output for years 0...9999: `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static let maximumLength = 24

    private static let millisecondsPerDay: Int64 = 86_400_000

    /// Milliseconds since the Unix epoch for the current wall-clock time, truncated (a line is never
    /// stamped with a millisecond that has not started yet). `clock_gettime` is served by the vDSO
    /// on Linux, so this does not enter the kernel.
    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Rounds seconds since 1970 to whole milliseconds, clamping values that do not fit an `Int64`
    /// (e.g. `Date.distantFuture` is fine, an infinite interval is not) instead of trapping.
    static func milliseconds(since1970 seconds: Double) -> Int64 {
        let scaled = (seconds * 1000).rounded()
        if scaled.isNaN { return 0 }
        if scaled >= 9.2e18 { return 9_200_000_000_000_000_000 }
        if scaled <= -9.2e18 { return -9_200_000_000_000_000_000 }
        return Int64(scaled)
    }

    static func append(millisecondsSinceEpoch: Int64, withMilliseconds: Bool, to bytes: inout [UInt8]) {
        // Floor division so instants before 1970 land on the previous day with a positive time of day.
        var days = millisecondsSinceEpoch / millisecondsPerDay
        var millisecondOfDay = millisecondsSinceEpoch % millisecondsPerDay
        if millisecondOfDay < 0 {
            days -= 1
            millisecondOfDay += millisecondsPerDay
        }
        let date = civilDate(daysSinceEpoch: days)
        let fourDigitYear = (0...9999).contains(date.year)
        if !fourDigitYear { appendUnusualYear(date.year, to: &bytes) }
        let secondOfDay = millisecondOfDay / 1000
        let millisecond = millisecondOfDay % 1000

        // Filled in a fixed stack buffer and appended with one copy: appending byte by byte costs a
        // uniqueness check per byte, and this runs for every log line.
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let length = withUnsafeMutableBytes(of: &text) { raw -> Int in
            var index = 0
            func put(_ character: UInt8) {
                raw[index] = character
                index += 1
            }
            func putTwoDigits(_ value: Int64) {
                put(digit(value / 10))
                put(digit(value % 10))
            }
            if fourDigitYear {
                putTwoDigits(date.year / 100)
                putTwoDigits(date.year % 100)
            }
            put(UInt8(ascii: "-"))
            putTwoDigits(date.month)
            put(UInt8(ascii: "-"))
            putTwoDigits(date.day)
            put(UInt8(ascii: "T"))
            putTwoDigits(secondOfDay / 3600)
            put(UInt8(ascii: ":"))
            putTwoDigits(secondOfDay / 60 % 60)
            put(UInt8(ascii: ":"))
            putTwoDigits(secondOfDay % 60)
            if withMilliseconds {
                put(UInt8(ascii: "."))
                put(digit(millisecond / 100))
                putTwoDigits(millisecond % 100)
            }
            put(UInt8(ascii: "Z"))
            return index
        }
        withUnsafeBytes(of: &text) { raw in
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[..<length]))
        }
    }

    /// Proleptic Gregorian date for a day count relative to 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`), exact for the whole `Int64` millisecond range.
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSinceEpoch + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097  // [0, 146096]
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365  // [0, 399]
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // [0, 365], March-based
        let monthIndex = (5 * dayOfYear + 2) / 153  // [0, 11], March = 0
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Years RFC 3339 cannot express (before 0 or after 9999): a sign and at least four digits,
    /// because a readable value beats a crash.
    private static func appendUnusualYear(_ year: Int64, to bytes: inout [UInt8]) {
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = String(year.magnitude)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 4 - magnitude.utf8.count)))
        bytes.append(contentsOf: magnitude.utf8)
    }

    private static func digit(_ value: Int64) -> UInt8 {
        UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)
    }
}
