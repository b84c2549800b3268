/// `DataStoreTriggerInfo` of a v1 datastore schedule: the blob datastore watched, how often (minutes),
/// the folder under its container (nil = the root), and the DataPath parameter a run gets the changed
/// blob in.
struct DataStoreTrigger: Sendable, Equatable {
    /// What `Schedule.create` sends when the caller gives no polling interval.
    static let defaultPollingInterval = 5

    var dataStoreName: String
    var pollingInterval: Int
    var dataPathParameterName: String?
    var pathOnDataStore: String?

    var wire: JSONValue {
        .object([
            "DataStoreName": .string(dataStoreName),
            "PollingInterval": .int(pollingInterval),
            "DataPathParameterName": .string(dataPathParameterName),
            "PathOnDataStore": .string(pathOnDataStore),
        ])
    }
}
