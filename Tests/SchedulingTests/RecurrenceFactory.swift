import Scheduling
import Testing

/// A recurrence with the test defaults (created at ``defaultCreatedAt``).
func recurrence(
    _ frequency: String, _ interval: Int, start: String? = nil, zone: String? = nil, hours: [Int]? = nil,
    minutes: [Int]? = nil, weekDays: [String]? = nil, timeOfDay: String? = nil, end: String? = nil,
    createdAt: String = defaultCreatedAt
) throws(ScheduleValidationError) -> Recurrence {
    try Recurrence(
        frequency: frequency, interval: interval, startTime: start, timeZone: zone, hours: hours, minutes: minutes,
        weekDays: weekDays, timeOfDay: timeOfDay, endTime: end, createdAt: utc(createdAt))
}
