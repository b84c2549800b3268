import Foundation

/// A run-history experiment: the named group that runs are submitted under.
struct EmulatedExperiment: Sendable, Equatable {
    var id: String
    var name: String
    var createdAt: Date

    /// `ExperimentDto`, camelCase like the rest of run history.
    var wire: JSONValue {
        .object([
            "experimentId": .string(id),
            "name": .string(name),
            "description": .null,
            "createdUtc": .string(AzureTimestamp.format(createdAt)),
            "tags": .object([:]),
            "archivedTime": .null,
            "retainForLifecycleManagement": .bool(false),
            "artifactLocation": .null,
        ])
    }
}
