import Foundation
import Testing
@testable import Gateway

/// The stored definition is read back with the gateway's own parser: every field written by
/// `encoded()` must come back equal, and a damaged row is refused rather than half-read.
struct ScheduleDefinitionDecodingTests {
    static let samples: [ScheduleDefinition] = {
        var recurrence = ScheduleDefinition(
            description: "every 2 weeks", experimentName: "e", pipelineParameters: ["a": "1", "b": "x y"],
            dataPathAssignments: ["in": .init(dataStoreName: "ws", relativePath: "in/a.csv")], continueOnStepFailure: true,
            recurrence: .init(
                frequency: "Week", interval: 2, startTime: "2026-12-01T00:00:00", timeZone: "W. Europe Standard Time", hours: [9, 18],
                minutes: [0, 30], weekDays: ["Monday", "Wednesday"], timeOfDay: nil, endTime: "2027-12-01T00:00:00"),
            catchup: "all", overlapPolicy: "skip", maxConcurrentRuns: 4)
        recurrence.description = "with \"quotes\" and ünïcode"
        let cron = ScheduleDefinition(
            experimentName: "c", pipelineParameters: [:], dataPathAssignments: [:],
            cron: .init(expression: "0 9 * * MON-FRI", timeZone: "America/New_York", startTime: nil, endTime: nil), catchup: "latest",
            overlapPolicy: "allow")
        var watch = ScheduleDefinition(experimentName: "w", pipelineParameters: ["p": "v"], dataPathAssignments: [:], catchup: "latest", overlapPolicy: "allow")
        watch.datastore = "workspaceblobstore"
        watch.pathOnDatastore = "input/daily"
        watch.pollingInterval = 7
        watch.dataPathParameterName = "input_datapath"
        watch.filePattern = "*.csv"
        watch.importedFrom = "5f0a-azure-schedule"
        return [recurrence, cron, watch]
    }()

    @Test(arguments: samples)
    func whatIsWrittenIsReadBackEqual(_ definition: ScheduleDefinition) {
        #expect(ScheduleDefinition.decode(definition.encoded()) == definition)
    }

    /// The import marker is the gateway's own: a merge patch's base body must not carry it, or
    /// every `PATCH` of an imported schedule would be refused as an unknown key.
    @Test func theCreateBodyLeavesTheImportMarkerOut() {
        let body = Self.samples[2].createBody(name: "n", target: .pipeline(id: "p"))
        #expect(!body.contains("imported_from"))
        #expect(body.contains("\"file_pattern\":\"*.csv\""))
    }

    @Test(arguments: ["", "[]", #"{"experiment_name":"e"}"#, #"{"experiment_name":"e","catchup":"latest","overlap_policy":"allow","pipeline_parameters":{"a":1}}"#,
                      #"{"experiment_name":"e","catchup":"latest","overlap_policy":"allow","recurrence":{"frequency":"Day"}}"#])
    func aDamagedRowIsRefused(_ text: String) {
        #expect(ScheduleDefinition.decode(text) == nil)
    }
}
