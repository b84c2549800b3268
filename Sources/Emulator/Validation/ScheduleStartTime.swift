/// `Recurrence.StartTime` as the service accepts it: a date-time `YYYY-MM-DDThh:mm[:ss[.fraction]]`,
/// optionally with `Z` or an offset. The SDK sends the wall-clock form (`2026-11-25T02:00:00`, read in
/// `TimeZone`) and passes a string start time through unchecked, so the check is the service's. The
/// text is kept as sent; only its shape and ranges are checked.
enum ScheduleStartTime {
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[at..<(at + count)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ at: Int) -> UInt8? { at < bytes.count ? bytes[at] : nil }
        guard let year = number(0, 4), byte(4) == UInt8(ascii: "-"), let month = number(5, 2), byte(7) == UInt8(ascii: "-"),
            let day = number(8, 2), byte(10) == UInt8(ascii: "T"), let hour = number(11, 2), byte(13) == UInt8(ascii: ":"),
            let minute = number(14, 2), year >= 1, (1...12).contains(month), (1...daysIn(month, year)).contains(day),
            hour < 24, minute < 60
        else { return false }
        var at = 16
        if byte(at) == UInt8(ascii: ":") {
            guard let second = number(at + 1, 2), second < 60 else { return false }
            at += 3
            if byte(at) == UInt8(ascii: ".") {
                at += 1
                let start = at
                while let next = byte(at), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { at += 1 }
                guard at > start else { return false }
            }
        }
        if at == bytes.count { return true }
        if byte(at) == UInt8(ascii: "Z") { return at + 1 == bytes.count }
        guard byte(at) == UInt8(ascii: "+") || byte(at) == UInt8(ascii: "-"), let offsetHours = number(at + 1, 2),
            byte(at + 3) == UInt8(ascii: ":"), let offsetMinutes = number(at + 4, 2)
        else { return false }
        return offsetHours <= 14 && offsetMinutes < 60 && at + 6 == bytes.count
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
