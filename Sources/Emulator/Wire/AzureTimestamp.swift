import Foundation
import Glibc

/// Azure's .NET `DateTimeOffset` text, `2026-11-25T10:11:12.1234567+00:00`: seven fractional
/// digits and an explicit offset, as the captured service responses show. The SDK parses this form;
/// a client that only handles `Z` or milliseconds fails against it, which is the point.
/// Event Grid writes the same seven digits with `Z` instead (`utcSuffix: "Z"`).
enum AzureTimestamp {
    /// The value the service writes for a date it never set.
    static let unset = "1970-01-01T00:00:00"

    static func format(_ date: Date) -> String {
        format(date, utcSuffix: "+00:00")
    }

    static func format(_ date: Date, utcSuffix: String) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = interval.rounded(.down)
        var ticks = Int(((interval - seconds) * 10_000_000).rounded())
        if ticks >= 10_000_000 {
            seconds += 1
            ticks -= 10_000_000
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))"
            + "T\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(ticks, 7))" + utcSuffix
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
