import Scheduling
import Testing

/// A cron schedule with the test defaults (created at ``defaultCreatedAt``).
func cron(
    _ expression: String, zone: String? = nil, start: String? = nil, end: String? = nil, createdAt: String = defaultCreatedAt
) throws(ScheduleValidationError) -> CronSchedule {
    try CronSchedule(expression: expression, timeZone: zone, startTime: start, endTime: end, createdAt: utc(createdAt))
}
