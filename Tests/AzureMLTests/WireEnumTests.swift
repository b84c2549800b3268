import AzureML
import Foundation
import Testing

@Suite("Wire enums decode from ints, digit strings and names")
struct WireEnumTests {
    struct Row<E: WireEnum>: Sendable, CustomTestStringConvertible {
        var json: String
        var expected: E
        var comment: String
        var testDescription: String { "\(comment): \(json)" }
    }

    static func decode<E: WireEnum>(_ type: E.Type, _ json: String) throws -> E {
        try JSONDecoder().decode(E.self, from: Data(json.utf8))
    }

    static let entityStatusRows: [Row<EntityStatus>] = [
        Row(json: "0", expected: .active, comment: "int"),
        Row(json: "1", expected: .deprecated, comment: "int"),
        Row(json: "2", expected: .disabled, comment: "int"),
        Row(json: "\"0\"", expected: .active, comment: "digit string"),
        Row(json: "\"2\"", expected: .disabled, comment: "digit string"),
        Row(json: "\"Active\"", expected: .active, comment: "name"),
        Row(json: "\"Deprecated\"", expected: .deprecated, comment: "name"),
        Row(json: "\"Disabled\"", expected: .disabled, comment: "name"),
        Row(json: "\"disabled\"", expected: .disabled, comment: "name in other case"),
        Row(json: "2.0", expected: .disabled, comment: "integral double"),
        Row(json: "7", expected: .unknown("7"), comment: "unknown int kept as digits"),
        Row(json: "\"Archived\"", expected: .unknown("Archived"), comment: "unknown name kept"),
        Row(json: "-1", expected: .unknown("-1"), comment: "negative int"),
    ]

    @Test(arguments: entityStatusRows)
    func entityStatus(_ row: Row<EntityStatus>) throws {
        #expect(try Self.decode(EntityStatus.self, row.json) == row.expected)
    }

    static let runStatusRows: [Row<RunStatusCode>] = [
        Row(json: "0", expected: .notStarted, comment: "int"),
        Row(json: "1", expected: .running, comment: "int"),
        Row(json: "2", expected: .failed, comment: "int"),
        Row(json: "3", expected: .finished, comment: "int"),
        Row(json: "4", expected: .canceled, comment: "int"),
        Row(json: "\"3\"", expected: .finished, comment: "digit string"),
        Row(json: "\"4\"", expected: .canceled, comment: "digit string"),
        Row(json: "\"NotStarted\"", expected: .notStarted, comment: "name"),
        Row(json: "\"Running\"", expected: .running, comment: "name"),
        Row(json: "\"Failed\"", expected: .failed, comment: "name"),
        Row(json: "\"Finished\"", expected: .finished, comment: "name"),
        Row(json: "\"Canceled\"", expected: .canceled, comment: "name"),
        Row(json: "\"Queued\"", expected: .unknown("Queued"), comment: "run-history status passes through"),
        Row(json: "\"Completed\"", expected: .unknown("Completed"), comment: "passes through"),
        Row(json: "9", expected: .unknown("9"), comment: "unknown int passes through as digits"),
    ]

    @Test(arguments: runStatusRows)
    func runStatusCode(_ row: Row<RunStatusCode>) throws {
        #expect(try Self.decode(RunStatusCode.self, row.json) == row.expected)
    }

    static let runTypeRows: [Row<RunType>] = [
        Row(json: "0", expected: .http, comment: "int"),
        Row(json: "1", expected: .sdk, comment: "int"),
        Row(json: "2", expected: .schedule, comment: "int (captured scheduled run)"),
        Row(json: "3", expected: .portal, comment: "int"),
        Row(json: "\"2\"", expected: .schedule, comment: "digit string"),
        Row(json: "\"HTTP\"", expected: .http, comment: "name"),
        Row(json: "\"SDK\"", expected: .sdk, comment: "name"),
        Row(json: "\"Schedule\"", expected: .schedule, comment: "name"),
        Row(json: "\"Portal\"", expected: .portal, comment: "name"),
        Row(json: "\"Designer\"", expected: .unknown("Designer"), comment: "unknown"),
    ]

    @Test(arguments: runTypeRows)
    func runType(_ row: Row<RunType>) throws {
        #expect(try Self.decode(RunType.self, row.json) == row.expected)
    }

    static let uploadStateRows: [Row<UploadState>] = [
        Row(json: "0", expected: .uploading, comment: "int"),
        Row(json: "1", expected: .completed, comment: "int"),
        Row(json: "\"2\"", expected: .canceled, comment: "digit string"),
        Row(json: "\"Failed\"", expected: .failed, comment: "name"),
        Row(json: "12", expected: .unknown("12"), comment: "unknown"),
    ]

    @Test(arguments: uploadStateRows)
    func uploadState(_ row: Row<UploadState>) throws {
        #expect(try Self.decode(UploadState.self, row.json) == row.expected)
    }

    static let parameterTypeRows: [Row<InterfaceParameterType>] = [
        Row(json: "\"Int\"", expected: .int, comment: "name"),
        Row(json: "\"Double\"", expected: .double, comment: "name"),
        Row(json: "\"Bool\"", expected: .bool, comment: "name"),
        Row(json: "\"String\"", expected: .string, comment: "name"),
        Row(json: "\"Undefined\"", expected: .undefined, comment: "name"),
        Row(json: "0", expected: .int, comment: "int"),
        Row(json: "\"3\"", expected: .string, comment: "digit string"),
        Row(json: "\"Float\"", expected: .unknown("Float"), comment: "unknown"),
    ]

    @Test(arguments: parameterTypeRows)
    func interfaceParameterType(_ row: Row<InterfaceParameterType>) throws {
        #expect(try Self.decode(InterfaceParameterType.self, row.json) == row.expected)
    }

    @Test func encodesTheName_notTheInteger() throws {
        let encoded = try JSONEncoder().encode([EntityStatus.disabled, .unknown("7")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["Disabled","7"]"#)
        let runType = try JSONEncoder().encode([RunType.sdk])
        #expect(String(decoding: runType, as: UTF8.self) == #"["SDK"]"#)
    }

    @Test func anObjectIsNotAnEnum() {
        #expect(throws: DecodingError.self) { try Self.decode(EntityStatus.self, "{}") }
    }

    @Test(arguments: [
        (RunStatusCode.finished, true), (.failed, true), (.canceled, true),
        (.notStarted, false), (.running, false), (.unknown("Queued"), false),
    ])
    func terminalStatuses(_ status: RunStatusCode, _ terminal: Bool) {
        #expect(status.isTerminal == terminal)
    }
}
