import Foundation

/// The optional body of `POST /emulator/schedules/{id}/fire`: `{"time":"2026-11-25T10:15:00Z"}`, an
/// RFC 3339 instant (`Z` or an offset, fractional seconds allowed) that becomes the run's creation
/// time. An empty body, `{}` or `"time": null` mean now (nil).
enum FireTime {
    static func read(_ body: [UInt8]) throws(AzureError) -> Date? {
        if body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) { return nil }
        guard let object = JSONValue.parse(body)?.objectValue else { throw invalid("The body must be a JSON object {\"time\": RFC 3339 instant} or empty.") }
        guard let raw = object["time"], !raw.isNull else { return nil }
        guard let text = raw.stringValue, let date = parse(text) else {
            throw invalid("'time' must be an RFC 3339 instant such as 2026-11-25T10:15:00Z; got \(raw.text).")
        }
        return date
    }

    static func parse(_ text: String) -> Date? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    private static func invalid(_ message: String) -> AzureError {
        .badRequest("InvalidFireTime", message)
    }
}
