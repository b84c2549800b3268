/// A v1 schedule's `Recurrence` (reference §3.6): the SDK's `ScheduleRecurrence` on the wire.
///
/// `StartTime` stays text: it is a local wall-clock time in `TimeZone` with no offset, and the SDK
/// never parses it, so turning it into an instant here would invent a meaning. `Interval` may come
/// back as `"1"` or `1.0` from an SDK read-modify-write, so it is read leniently.
public struct ScheduleRecurrenceEntity: Sendable, Hashable, Codable {
    public var frequency: ScheduleFrequency?
    public var interval: Int?
    public var startTime: String?
    /// A Windows time-zone id (`"W. Europe Standard Time"`); the SDK refuses anything else on read.
    public var timeZone: String?
    public var schedule: RecurrenceScheduleEntity?

    public init(
        frequency: ScheduleFrequency? = nil, interval: Int? = nil, startTime: String? = nil, timeZone: String? = nil,
        schedule: RecurrenceScheduleEntity? = nil
    ) {
        self.frequency = frequency
        self.interval = interval
        self.startTime = startTime
        self.timeZone = timeZone
        self.schedule = schedule
    }

    enum CodingKeys: String, CodingKey {
        case frequency = "Frequency"
        case interval = "Interval"
        case startTime = "StartTime"
        case timeZone = "TimeZone"
        case schedule = "Schedule"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        frequency = try container.optional(ScheduleFrequency.self, .frequency)
        interval = try container.lenientInt(.interval)
        startTime = try container.lenientText(.startTime)
        timeZone = try container.optional(String.self, .timeZone)
        schedule = try container.optional(RecurrenceScheduleEntity.self, .schedule)
    }
}

/// The `Schedule` of a recurrence: times of day and week days (Day and Week frequencies only).
public struct RecurrenceScheduleEntity: Sendable, Hashable, Codable {
    public var hours: [Int]?
    public var minutes: [Int]?
    public var weekDays: [ScheduleWeekDay]?

    public init(hours: [Int]? = nil, minutes: [Int]? = nil, weekDays: [ScheduleWeekDay]? = nil) {
        self.hours = hours
        self.minutes = minutes
        self.weekDays = weekDays
    }

    enum CodingKeys: String, CodingKey {
        case hours = "Hours"
        case minutes = "Minutes"
        case weekDays = "WeekDays"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hours = try container.lenientIntList(.hours)
        minutes = try container.lenientIntList(.minutes)
        weekDays = try container.optional([ScheduleWeekDay].self, .weekDays)
    }
}

/// A datastore schedule's trigger: the SDK's `datastore`, `polling_interval` (minutes),
/// `data_path_parameter_name` and `path_on_datastore`.
public struct DataStoreTriggerInfo: Sendable, Hashable, Codable {
    public var dataStoreName: String?
    public var pollingInterval: Int?
    public var dataPathParameterName: String?
    public var pathOnDataStore: String?

    public init(dataStoreName: String? = nil, pollingInterval: Int? = nil, dataPathParameterName: String? = nil, pathOnDataStore: String? = nil) {
        self.dataStoreName = dataStoreName
        self.pollingInterval = pollingInterval
        self.dataPathParameterName = dataPathParameterName
        self.pathOnDataStore = pathOnDataStore
    }

    enum CodingKeys: String, CodingKey {
        case dataStoreName = "DataStoreName"
        case pollingInterval = "PollingInterval"
        case dataPathParameterName = "DataPathParameterName"
        case pathOnDataStore = "PathOnDataStore"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataStoreName = try container.optional(String.self, .dataStoreName)
        pollingInterval = try container.lenientInt(.pollingInterval)
        dataPathParameterName = try container.optional(String.self, .dataPathParameterName)
        pathOnDataStore = try container.optional(String.self, .pathOnDataStore)
    }
}
