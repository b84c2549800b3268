public import Foundation

/// An ISO-8601 instant as the pipelines service writes it.
///
/// The service mixes forms: `2019-10-22T15:29:26.2249236+00:00` (seven fractional digits, .NET ticks,
/// with an offset), `1970-01-01T00:00:00` (no offset, meaning UTC; the sentinel for "unset"), and
/// `…Z`. `ISO8601DateFormatter` rejects some of these and is slow to share, so the parser is a small
/// hand-written one. Encoding uses the .NET form, which every reader of the service accepts.
public struct AzureTimestamp: Sendable, Hashable, Codable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        self.date = date
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|±hhmm]`; nil for anything else.
    public init?(parsing text: String) {
        guard let date = Self.parse(Array(text.utf8)) else { return nil }
        self.date = date
    }

    /// Whether this is `1970-01-01T00:00:00`, which the service sends for dates it never set.
    public var isUnsetSentinel: Bool {
        date.timeIntervalSince1970 == 0
    }

    public var description: String {
        Self.format(date)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Self.parse(Array(text.utf8)) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not an ISO-8601 date-time"
            )
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.format(date))
    }

    // MARK: - Parsing

    private static func parse(_ bytes: [UInt8]) -> Date? {
        var cursor = Cursor(bytes: bytes)
        guard
            let year = cursor.digits(4), cursor.skip("-"),
            let month = cursor.digits(2), cursor.skip("-"),
            let day = cursor.digits(2),
            cursor.skip(anyOf: "Tt "),
            let hour = cursor.digits(2), cursor.skip(":"),
            let minute = cursor.digits(2), cursor.skip(":"),
            let second = cursor.digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilCalendar.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if cursor.skip(".") || cursor.skip(",") {
            guard let value = cursor.fraction() else { return nil }
            fraction = value
        }
        var offsetSeconds = 0
        if cursor.skip(anyOf: "Zz") {
            offsetSeconds = 0
        } else if let sign = cursor.sign() {
            guard let offsetHours = cursor.digits(2) else { return nil }
            _ = cursor.skip(":")
            guard let offsetMinutes = cursor.digits(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor.isAtEnd else { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }

        /// One or more digits after the decimal point, as a fraction of a second (ticks and beyond).
        mutating func fraction() -> Double? {
            var value = 0.0
            var scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                value += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            return index > start ? value : nil
        }

        mutating func skip(_ character: Character) -> Bool {
            guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
            index += 1
            return true
        }

        mutating func skip(anyOf characters: String) -> Bool {
            characters.contains { skip($0) }
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }

    // MARK: - Formatting

    /// `YYYY-MM-DDThh:mm:ss.fffffff+00:00`, in UTC, to the 100 ns tick.
    static func format(_ date: Date) -> String {
        let totalTicks = Int64((date.timeIntervalSince1970 * 10_000_000).rounded())
        var days = totalTicks / 864_000_000_000
        var tickOfDay = totalTicks % 864_000_000_000
        if tickOfDay < 0 {
            days -= 1
            tickOfDay += 864_000_000_000
        }
        let (year, month, day) = CivilCalendar.civilFromDays(Int(days))
        let secondOfDay = Int(tickOfDay / 10_000_000)
        let ticks = Int(tickOfDay % 10_000_000)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
            + "." + pad(ticks, 7) + "+00:00"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
