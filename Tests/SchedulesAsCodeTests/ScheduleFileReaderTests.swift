import Foundation
import JSON
import Testing
@testable import SchedulesAsCode
import TestSupport

/// The file's shapes, and the line and column of each shape problem.
struct ScheduleFileReaderTests {
    static func read(_ text: String, file: String = "s.yaml") -> Result<[ScheduleFileItem], ScheduleFileProblems> {
        ScheduleFileReader.read(Array(text.utf8), file: file)
    }

    static func problems(_ text: String, file: String = "s.yaml") -> [String] {
        guard case .failure(let problems) = read(text, file: file) else { return [] }
        return problems.all.map(\.description)
    }

    @Test func gatewayShape_asAMappingAList_orSeveralDocuments() throws {
        let mapping = try Self.read("schedules:\n  - name: a\n    cron: {expression: '0 * * * *'}\n  - name: b\n").get()
        #expect(mapping.map(\.name) == ["a", "b"])
        #expect(mapping[0].body["cron"]?["expression"]?.stringValue == "0 * * * *")
        #expect(mapping[1].sourceMap.position(of: JSONPointer(tokens: ["recurrence"]))?.description == "4:5")
        let list = try Self.read("- name: a\n---\n- name: b\n").get()
        #expect(list.map(\.name) == ["a", "b"])
        let json = try Self.read(#"{"schedules": [{"name": "a"}]}"#, file: "s.json").get()
        #expect(json.map(\.name) == ["a"])
    }

    @Test func everyShapeProblemHasItsLine() {
        let text = """
            schedules:
              - name: a
              - description: no name
              - 12
              - name: a
            extra: 1
            """
        #expect(Self.problems(text) == [
            "s.yaml:6:8: unknown top-level key 'extra'; a file is {schedules: [...]}",
            "s.yaml:3:5: a schedule needs a 'name' (a non-empty string): apply matches schedules by name",
            "s.yaml:4:5: a schedule must be a mapping of fields (name, pipeline_id, …); got number",
            "s.yaml:5:11: the name 'a' is used twice (first at line 2); apply matches schedules by name",
        ])
    }

    @Test func malformedFilesNameLineAndColumn() {
        #expect(Self.problems("schedules:\n  - name: a\n   bad: [\n").first?.hasPrefix("s.yaml:3:") == true, "\(Self.problems("schedules:\n  - name: a\n   bad: [\n"))")
        #expect(Self.problems("{\"schedules\": [}\n", file: "s.json").first?.hasPrefix("s.json:1:16: invalid JSON") == true)
        #expect(Self.problems("") == ["s.yaml: the file has no schedules"])
        #expect(Self.problems("just text") == ["s.yaml:1:1: a schedule file is a mapping with 'schedules:' (a list of schedules), a list of schedules, or the SDK's 'Schedule:' document"])
    }

    @Test func sdkShape_becomesACreateBody() throws {
        let items = try Self.read(SDKScheduleSample.text(pipelineID: "d3e0a1b2-0000-4000-8000-000000000001")).get()
        #expect(items.count == 1)
        #expect(SchedulePlan.compact(items[0].body) == """
            {"name":"weekly","pipeline_id":"d3e0a1b2-0000-4000-8000-000000000001","experiment_name":"helloworld",\
            "description":"Test create with recurrence","recurrence":{"frequency":"Week","interval":1,"start_time":"2019-06-07T10:50:00",\
            "time_zone":"UTC","hours":[1],"minutes":[0],"week_days":["Friday"]},"pipeline_parameters":{"input_string":1}}
            """)
        #expect(items[0].sourceMap.position(of: JSONPointer(tokens: ["recurrence", "interval"]))?.description == "8:19")
        let datastore = try Self.read("Schedule:\n  name: d\n  pipeline_id: p\n  experiment_name: e\n  datastore_name: workspaceblobstore\n").get()
        #expect(datastore[0].body["datastore"]?.stringValue == "workspaceblobstore")
        #expect(datastore[0].sourceMap.position(of: JSONPointer(tokens: ["datastore"]))?.description == "5:19")
    }

    @Test func sdkShape_withoutWhatCreateTakesSeparately_saysWhatToAdd() {
        let problems = Self.problems("Schedule:\n  description: x\n  recurrence: {frequency: Day, interval: 1, every: 2}\n")
        #expect(problems.count == 4)
        #expect(problems[0] == "s.yaml:3:52: unknown key 'every' in 'recurrence'; accepted: frequency, interval, start_time, time_zone, hours, minutes, time_of_day, week_days")
        #expect(problems[1].hasPrefix("s.yaml:2:3: the SDK's Schedule file has no 'name'"))
        #expect(problems[2].contains("add 'experiment_name: …'"))
        #expect(problems[3].contains("add 'pipeline_id: …' or 'pipeline_endpoint_id: …'"))
    }

    @Test func usageErrors() async {
        var err: [String] = []
        #expect(await ApplyCommand.run(arguments: [], environment: [:], out: { _ in }, err: { err.append($0) }) == ClientExit.usage)
        #expect(err.first?.hasPrefix("apply: 'apply' needs -f FILE") == true)
        #expect(await ApplyCommand.run(arguments: ["-f", "x", "--bogus"], environment: [:], out: { _ in }, err: { _ in }) == ClientExit.usage)
        #expect(await ExportCommand.run(arguments: ["--format", "xml"], environment: [:], out: { _ in }, err: { _ in }) == ClientExit.usage)
        #expect(await ExportCommand.run(arguments: ["--server", "ftp://x"], environment: [:], out: { _ in }, err: { _ in }) == ClientExit.usage)
        var help: [String] = []
        #expect(await ApplyCommand.run(arguments: ["--help"], environment: [:], out: { help.append($0) }, err: { _ in }) == ClientExit.ok)
        #expect(help.first?.hasPrefix("Usage: pipeline-gateway apply -f FILE") == true)
    }

    @Test func anUnreachableGatewayIsExit3_andTheKeyIsNeverPrinted() async throws {
        let path = NSTemporaryDirectory() + "apply-unreachable.yaml"
        try "- name: a\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var err: [String] = []
        let status = await ApplyCommand.run(
            arguments: ["-f", path, "--server", "http://127.0.0.1:1", "--api-key", "s3cret-key"], environment: [:], out: { _ in }, err: { err.append($0) })
        #expect(status == ClientExit.server)
        #expect(!err.joined().contains("s3cret-key"))
        #expect(err.first?.hasPrefix("apply: the gateway could not be reached") == true)
    }
}
