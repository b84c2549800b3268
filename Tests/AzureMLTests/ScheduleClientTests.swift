import AzureML
import Foundation
import HTTPServer
import TestSupport
import Testing

/// The client's v1 schedule calls, as the import and take-over use them: the list (every schedule,
/// enums in any form), the SDK's read-modify-write status change that keeps every field Azure sent,
/// and the last run, for which 204, an empty 200 and `{}` all mean "none".
@Suite("AzureMLClient schedules")
struct ScheduleClientTests {
    static let weekly = """
        {"Id":"s-1","Name":"weekly","PipelineId":"p-1","ScheduleType":0,"EntityStatus":0,"ProvisioningStatus":0,
         "Etag":"\\"e-1\\"","CreatedDate":"2026-11-01T00:00:00",
         "PipelineSubmissionInfo":{"ExperimentName":"exp","RunType":2,"ScheduleId":"s-1","Properties":{"azureml.git":"abc"}},
         "Recurrence":{"Frequency":1,"Interval":1,"StartTime":"2026-11-25T02:00:00","TimeZone":"W. Europe Standard Time",
                       "Schedule":{"Hours":[2],"Minutes":[0],"WeekDays":[0,"4"]}}}
        """

    @Test func listSchedules_asksForEveryScheduleAndReadsEnumsInAnyForm() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/Schedules")) { request in
            recorder.record(request)
            return StubAzure.json("[\(Self.weekly),{\"Id\":\"s-2\",\"ScheduleType\":\"DataStore\",\"EntityStatus\":\"2\"}]")
        }
        let schedules = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).listSchedules(activeOnly: false)
        }
        let request = try #require(recorder.all.first)
        #expect(request.queryString == "activeOnly=false")
        #expect(schedules.map(\.id) == ["s-1", "s-2"])
        #expect(schedules.map(\.entityStatus) == [.active, .disabled])
        #expect(schedules.first?.recurrence?.timeZone == "W. Europe Standard Time")
        #expect(schedules.last?.scheduleType == .dataStore)
    }

    @Test func listSchedules_anItemWithoutIdIsMalformed() async throws {
        var router = Router()
        router.on(.GET, StubAzure.path("/Schedules")) { _ in StubAzure.json(#"[{"Name":"x"}]"#) }
        let error = await #expect(throws: AzureMLError.self) {
            try await withTestServer(router: router) { port, _ in try await StubAzure.client(port: port).listSchedules(activeOnly: false) }
        }
        #expect(error?.code == .malformedResponse)
        #expect(error?.operation == "list_schedules")
    }

    @Test func setScheduleStatus_putsTheWholeEntityAsReadWithTheNewStatusName() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/Schedules/{id}")) { request in
            recorder.record(request)
            return StubAzure.json(Self.weekly)
        }
        router.on(.PUT, StubAzure.path("/Schedules/{id}")) { request in
            recorder.record(request)
            return StubAzure.json(String(decoding: request.body, as: UTF8.self))
        }
        let entity = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).setScheduleStatus(id: "s-1", .disabled)
        }
        #expect(recorder.all.map { "\($0.method) \($0.path)" } == ["GET \(StubAzure.path("/Schedules/s-1"))", "PUT \(StubAzure.path("/Schedules/s-1"))"])
        #expect(entity.entityStatus == .disabled)
        let put = try #require(recorder.all.last)
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(put.body)) as? [String: Any])
        #expect(sent["EntityStatus"] as? String == "Disabled", "the status is sent as its name, as the SDK does")
        #expect(sent["Etag"] as? String == "\"e-1\"")
        let submission = try #require(sent["PipelineSubmissionInfo"] as? [String: Any])
        #expect((submission["Properties"] as? [String: Any])?["azureml.git"] as? String == "abc", "fields without a model travel unchanged")
        #expect(submission["ScheduleId"] as? String == "s-1")
        let weekDays = try #require(((sent["Recurrence"] as? [String: Any])?["Schedule"] as? [String: Any])?["WeekDays"] as? [Any])
        #expect(weekDays.count == 2)
    }

    @Test func setScheduleStatus_aFailedProvisioningIsAFailure() async throws {
        var router = Router()
        router.on(.GET, StubAzure.path("/Schedules/{id}")) { _ in StubAzure.json(Self.weekly) }
        router.on(.PUT, StubAzure.path("/Schedules/{id}")) { _ in StubAzure.json(#"{"Id":"s-1","ProvisioningStatus":"Failed"}"#) }
        let error = await #expect(throws: AzureMLError.self) {
            try await withTestServer(router: router) { port, _ in _ = try await StubAzure.client(port: port).setScheduleStatus(id: "s-1", .active) }
        }
        #expect(error?.operation == "put_schedule")
    }

    @Test func setScheduleStatus_aRefusedPutNamesAzuresError() async throws {
        var router = Router()
        router.on(.GET, StubAzure.path("/Schedules/{id}")) { _ in StubAzure.json(Self.weekly) }
        router.on(.PUT, StubAzure.path("/Schedules/{id}")) { _ in
            StubAzure.json(#"{"Error":{"Code":"ScheduleLocked","Message":"busy"}}"#, status: 409)
        }
        let error = await #expect(throws: AzureMLError.self) {
            try await withTestServer(router: router) { port, _ in _ = try await StubAzure.client(port: port).setScheduleStatus(id: "s-1", .disabled) }
        }
        #expect(error?.azureCode == "ScheduleLocked")
        #expect(error?.operation == "put_schedule")
    }

    @Test(arguments: [(204, ""), (200, ""), (200, "{}"), (200, " null ")] as [(Int, String)])
    func lastRun_noneInEveryFormTheSDKAccepts(_ status: Int, _ body: String) async throws {
        var router = Router()
        router.on(.GET, StubAzure.path("/PipelineRuns/Schedule/{id}/Last")) { _ in
            var response = HTTPResponse(status: HTTPStatus(code: status))
            response.body = Array(body.utf8)
            return response
        }
        let run = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).lastRun(scheduleID: "s-1")
        }
        #expect(run == nil)
    }

    @Test func lastRun_readsTheRunAndItsCreationTime() async throws {
        let recorder = RequestRecorder()
        var router = Router()
        router.on(.GET, StubAzure.path("/PipelineRuns/Schedule/{id}/Last")) { request in
            recorder.record(request)
            return StubAzure.json(StubAzure.runJSON)
        }
        let run = try await withTestServer(router: router) { port, _ in
            try await StubAzure.client(port: port).lastRun(scheduleID: "s 1")
        }
        let request = try #require(recorder.all.first)
        #expect(request.path == StubAzure.path("/PipelineRuns/Schedule/s%201/Last"))
        #expect(run?.id == "r-1")
        #expect(run?.createdAt == ISO8601DateFormatter().date(from: "2026-11-24T10:00:00Z"))
    }
}
