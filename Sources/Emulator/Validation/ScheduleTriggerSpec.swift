/// The trigger half of a v1 schedule body: `Recurrence` (ScheduleType 0) or `DataStoreTriggerInfo`
/// (ScheduleType 1), read as the service binds them: enums as ints, digit strings or names, `Interval`
/// as `1`, `"1"` or `1.0`. The rules are `ScheduleRecurrence.validate()`'s (reference §5) plus the time
/// zone list the SDK needs to read the schedule back, and a datastore must be a blob datastore of the
/// workspace.
enum ScheduleTriggerSpec {
    /// Reads `ScheduleType` and the matching trigger object; the other one must be absent or null.
    static func trigger(in object: JSONObject) throws(AzureError) -> EmulatedSchedule.Trigger {
        guard let raw = object.value(ignoringCase: "ScheduleType"), !raw.isNull else {
            throw .badRequest("InvalidScheduleType", "ScheduleType is required: 0 (Recurrence) or 1 (DataStore).")
        }
        guard let type = ScheduleType(wire: raw) else {
            throw .badRequest("InvalidScheduleType", "ScheduleType must be 0 (Recurrence) or 1 (DataStore); got \(raw.text).")
        }
        let recurrence = present(object, "Recurrence")
        let dataStore = present(object, "DataStoreTriggerInfo")
        switch type {
        case .recurrence:
            guard dataStore == nil else { throw both }
            guard let recurrence else {
                throw .badRequest("InvalidRecurrence", "A schedule of ScheduleType 0 (Recurrence) needs a Recurrence.")
            }
            return .recurrence(try self.recurrence(recurrence))
        case .dataStore:
            guard recurrence == nil else { throw both }
            guard let dataStore else {
                throw .badRequest("InvalidDataStoreTrigger", "A schedule of ScheduleType 1 (DataStore) needs a DataStoreTriggerInfo.")
            }
            return .dataStore(try self.dataStore(dataStore))
        }
    }

    /// `{"Frequency","Interval","StartTime","TimeZone","Schedule":{"Hours","Minutes","WeekDays"}}`.
    static func recurrence(_ value: JSONValue) throws(AzureError) -> EmulatedRecurrence {
        guard let object = value.objectValue else { throw invalidRecurrence("Recurrence must be an object.") }
        guard let rawFrequency = object.value(ignoringCase: "Frequency"), let frequency = RecurrenceFrequency(wire: rawFrequency) else {
            throw invalidRecurrence(
                "Recurrence.Frequency must be one of \(RecurrenceFrequency.wireNames) (or 0–4); got \(object.value(ignoringCase: "Frequency")?.text ?? "nothing").")
        }
        guard let interval = object.value(ignoringCase: "Interval")?.boundInteger, interval >= 1 else {
            throw invalidRecurrence("Recurrence.Interval must be an integer of at least 1; got \(object.value(ignoringCase: "Interval")?.text ?? "nothing").")
        }
        var recurrence = EmulatedRecurrence(frequency: frequency, interval: interval)
        if let raw = present(object, "StartTime") {
            guard let text = raw.stringValue, ScheduleStartTime.isValid(text) else {
                throw invalidRecurrence("Recurrence.StartTime must be a date-time such as 2026-11-25T02:00:00; got \(raw.text).")
            }
            recurrence.startTime = text
        }
        if let raw = present(object, "TimeZone") {
            guard let text = raw.stringValue, WindowsTimeZone.isKnown(text) else {
                throw .badRequest(
                    "InvalidTimeZone",
                    "Recurrence.TimeZone must be a Windows time zone id such as \"UTC\" or \"W. Europe Standard Time\"; got \(raw.text).")
            }
            recurrence.timeZone = text
        }
        if let raw = present(object, "Schedule") {
            guard let pattern = raw.objectValue else { throw invalidRecurrence("Recurrence.Schedule must be an object of Hours, Minutes, WeekDays.") }
            recurrence.hours = try numbers(pattern, "Hours", 0...23)
            recurrence.minutes = try numbers(pattern, "Minutes", 0...59)
            recurrence.weekDays = try weekDays(pattern)
        }
        try checkPattern(recurrence)
        return recurrence
    }

    /// `{"DataStoreName","PollingInterval","DataPathParameterName","PathOnDataStore"}`; the polling
    /// interval defaults to the SDK's 5 minutes.
    static func dataStore(_ value: JSONValue) throws(AzureError) -> DataStoreTrigger {
        guard let object = value.objectValue else { throw invalidTrigger("DataStoreTriggerInfo must be an object.") }
        guard let name = object.value(ignoringCase: "DataStoreName")?.stringValue, !name.isEmpty else {
            throw invalidTrigger("DataStoreTriggerInfo.DataStoreName is required.")
        }
        // Every datastore of the emulated workspace is an Azure Blob one, the only kind a schedule may watch.
        guard DatastoreCatalog.datastore(named: name) != nil else {
            throw .notFound("DataStoreNotFound", "Datastore '\(name)' was not found in the workspace.")
        }
        var trigger = DataStoreTrigger(dataStoreName: name, pollingInterval: DataStoreTrigger.defaultPollingInterval)
        if let raw = present(object, "PollingInterval") {
            guard let minutes = raw.boundInteger, minutes >= 1 else {
                throw invalidTrigger("DataStoreTriggerInfo.PollingInterval must be a whole number of minutes, at least 1; got \(raw.text).")
            }
            trigger.pollingInterval = minutes
        }
        trigger.dataPathParameterName = try string(object, "DataPathParameterName")
        trigger.pathOnDataStore = try string(object, "PathOnDataStore")
        return trigger
    }

    /// The SDK's `validate()`: hours and minutes only for Day and Week, week days only for Week.
    private static func checkPattern(_ recurrence: EmulatedRecurrence) throws(AzureError) {
        let daily = recurrence.frequency == .day || recurrence.frequency == .week
        if !daily && (recurrence.hours != nil || recurrence.minutes != nil) {
            throw invalidRecurrence("Recurrence.Schedule.Hours and Minutes apply only to the Day and Week frequencies.")
        }
        if recurrence.frequency != .week && recurrence.weekDays != nil {
            throw invalidRecurrence("Recurrence.Schedule.WeekDays apply only to the Week frequency.")
        }
    }

    private static func numbers(_ object: JSONObject, _ key: String, _ range: ClosedRange<Int>) throws(AzureError) -> [Int]? {
        guard let raw = present(object, key) else { return nil }
        guard case .array(let items) = raw else { throw invalidRecurrence("Recurrence.Schedule.\(key) must be an array of integers.") }
        var result: [Int] = []
        for item in items {
            guard let value = item.boundInteger, range.contains(value) else {
                throw invalidRecurrence("Recurrence.Schedule.\(key) must hold integers in \(range.lowerBound)…\(range.upperBound); got \(item.text).")
            }
            result.append(value)
        }
        return result
    }

    private static func weekDays(_ object: JSONObject) throws(AzureError) -> [WeekDay]? {
        guard let raw = present(object, "WeekDays") else { return nil }
        guard case .array(let items) = raw else { throw invalidRecurrence("Recurrence.Schedule.WeekDays must be an array.") }
        var result: [WeekDay] = []
        for item in items {
            guard let day = WeekDay(wire: item) else {
                throw invalidRecurrence("Recurrence.Schedule.WeekDays must hold \(WeekDay.wireNames) (or 0–6); got \(item.text).")
            }
            result.append(day)
        }
        return result
    }

    private static func string(_ object: JSONObject, _ key: String) throws(AzureError) -> String? {
        guard let raw = present(object, key) else { return nil }
        guard let text = raw.stringValue else { throw invalidTrigger("DataStoreTriggerInfo.\(key) must be a string.") }
        return text
    }

    /// The member, unless it is absent or null (msrest leaves out nulls; other clients send them).
    static func present(_ object: JSONObject, _ key: String) -> JSONValue? {
        guard let raw = object.value(ignoringCase: key), !raw.isNull else { return nil }
        return raw
    }

    private static let both = AzureError.badRequest(
        "InvalidScheduleType", "A schedule has either a Recurrence (ScheduleType 0) or a DataStoreTriggerInfo (ScheduleType 1), not both.")

    private static func invalidRecurrence(_ message: String) -> AzureError {
        .badRequest("InvalidRecurrence", message)
    }

    private static func invalidTrigger(_ message: String) -> AzureError {
        .badRequest("InvalidDataStoreTrigger", message)
    }
}
