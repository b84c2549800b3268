import Foundation
import Glibc

/// HTTP dates as Storage writes them (`Last-Modified`, `Creation-Time`): `Mon, 24 Nov 2026 10:00:00 GMT`.
/// Written with `gmtime_r` and fixed English names, so no locale can change them.
enum RFC1123Date {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(secondsSince1970 seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(weekdays[Int(parts.tm_wday)]), \(pad(Int(parts.tm_mday))) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) "
            + "\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec))) GMT"
    }

    static func format(_ date: Date) -> String {
        format(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
