import AzureML
import Foundation
import Testing

/// The v1 schedule entity as the SDK and the service send it (observed sheet §5), in each enum form.
@Suite("Schedule entity decoding")
struct ScheduleEntityDecodingTests {
    static func decode(_ json: String) throws -> PipelineScheduleEntity {
        try JSONDecoder().decode(PipelineScheduleEntity.self, from: Data(json.utf8))
    }

    /// The real PUT body of `s.disable()` against an int-emitting server (observed sheet §5).
    static let sdkDisableBody = """
        {"Name":"weekly","PipelineId":"p-1","ProvisioningStatus":"0","PipelineSubmissionInfo":{"ExperimentName":"exp-sched",
         "Description":"weekly run","RunType":"2","ParameterAssignments":{"lr":"0.2"},"DataPathAssignments":{},
         "DataSetDefinitionValueAssignments":{},"ScheduleId":"s-1","Properties":{"azureml.git.branch":"main"}},
         "Recurrence":{"Frequency":"1","Interval":1,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time",
         "Schedule":{"Hours":[2,14],"Minutes":[0,30],"WeekDays":["0","4"]}},"Id":"s-1","Etag":"\\"e1\\"",
         "CreatedDate":"2026-11-24T10:00:00","LastModifiedDate":"2026-11-24T10:00:00","EntityStatus":"Disabled","ScheduleType":"0"}
        """

    @Test func sdkReadModifyWriteBody_decodesDigitStringsAndNames() throws {
        let entity = try Self.decode(Self.sdkDisableBody)
        #expect(entity.id == "s-1")
        #expect(entity.name == "weekly")
        #expect(entity.pipelineID == "p-1")
        #expect(entity.pipelineEndpointID == nil)
        #expect(entity.scheduleType == .recurrence)
        #expect(entity.provisioningStatus == .completed)
        #expect(entity.entityStatus == .disabled)
        #expect(entity.etag == "\"e1\"")
        #expect(entity.pipelineSubmissionInfo?.experimentName == "exp-sched")
        #expect(entity.pipelineSubmissionInfo?.runType == .schedule)
        #expect(entity.pipelineSubmissionInfo?.parameterAssignments == ["lr": "0.2"])
        let recurrence = try #require(entity.recurrence)
        #expect(recurrence.frequency == .week)
        #expect(recurrence.interval == 1)
        #expect(recurrence.startTime == "2026-11-25T02:00:00")
        #expect(recurrence.timeZone == "W. Europe Standard Time")
        #expect(recurrence.schedule == RecurrenceScheduleEntity(hours: [2, 14], minutes: [0, 30], weekDays: [.monday, .friday]))
        #expect(entity.dataStoreTriggerInfo == nil)
    }

    @Test(arguments: [
        (#"0"#, ScheduleType.recurrence), (#""0""#, .recurrence), (#""Recurrence""#, .recurrence),
        (#"1"#, .dataStore), (#""1""#, .dataStore), (#""DataStore""#, .dataStore), (#""weekly""#, .unknown("weekly")),
    ])
    func scheduleType_readsEveryForm(json: String, expected: ScheduleType) throws {
        #expect(try Self.decode(#"{"ScheduleType":\#(json)}"#).scheduleType == expected)
    }

    @Test(arguments: [
        (#"{"Frequency":4,"Interval":15}"#, ScheduleFrequency.minute, 15),
        (#"{"Frequency":"Hour","Interval":"2"}"#, .hour, 2),
        (#"{"Frequency":"0","Interval":1.0}"#, .month, 1),
        (#"{"Frequency":"day","Interval":3}"#, .day, 3),
    ])
    func recurrence_readsFrequencyAndIntervalLeniently(json: String, frequency: ScheduleFrequency, interval: Int) throws {
        let entity = try Self.decode(#"{"Recurrence":\#(json)}"#)
        #expect(entity.recurrence?.frequency == frequency)
        #expect(entity.recurrence?.interval == interval)
    }

    @Test func hoursAsDigitStrings_areRead_butWordsFail() throws {
        let entity = try Self.decode(#"{"Recurrence":{"Schedule":{"Hours":["6"],"Minutes":[30]}}}"#)
        #expect(entity.recurrence?.schedule?.hours == [6])
        #expect(throws: DecodingError.self) { try Self.decode(#"{"Recurrence":{"Schedule":{"Hours":["six"]}}}"#) }
    }

    @Test func datastoreSchedule_readsItsTrigger() throws {
        let entity = try Self.decode("""
            {"Name":"onblob","PipelineEndpointId":"e-1","ScheduleType":1,"EntityStatus":0,
             "DataStoreTriggerInfo":{"DataStoreName":"workspaceblobstore","PollingInterval":"10",
              "DataPathParameterName":"input_datapath","PathOnDataStore":"incoming/data"}}
            """)
        #expect(entity.scheduleType == .dataStore)
        #expect(entity.entityStatus == .active)
        #expect(entity.pipelineEndpointID == "e-1")
        #expect(entity.dataStoreTriggerInfo == DataStoreTriggerInfo(
            dataStoreName: "workspaceblobstore", pollingInterval: 10, dataPathParameterName: "input_datapath", pathOnDataStore: "incoming/data"))
    }

    @Test func encoding_leavesAbsentFieldsOut_andWritesEnumNames() throws {
        let entity = PipelineScheduleEntity(
            id: "s-1", name: "n", pipelineID: "p", scheduleType: .recurrence, provisioningStatus: .completed, entityStatus: .active,
            recurrence: ScheduleRecurrenceEntity(frequency: .minute, interval: 15))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(entity), as: UTF8.self)
        #expect(text == #"{"EntityStatus":"Active","Id":"s-1","Name":"n","PipelineId":"p","ProvisioningStatus":"Completed","Recurrence":{"Frequency":"Minute","Interval":15},"ScheduleType":"Recurrence"}"#)
        #expect(try Self.decode(text) == entity, "what is written reads back the same")
    }
}
