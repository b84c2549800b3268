import JSON
import Testing
@testable import Gateway

/// The shape rules of `TriggerValidation.parse` (DESIGN "Trigger validation"): one row per rule,
/// each with the JSON pointer the problem must carry, then bodies with many problems at once,
/// bodies that are not JSON or not objects, and the bodies that must pass.
@Suite struct TriggerValidationTests {
    static func parse(_ text: String) -> Result<TriggerBody, TriggerRejection> {
        TriggerValidation.parse(Array(text.utf8))
    }

    static func problems(_ text: String) -> [TriggerProblem] {
        switch parse(text) {
        case .success: []
        case .failure(let rejection): rejection.problems
        }
    }

    static func accepted(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TriggerBody {
        switch parse(text) {
        case .success(let body): return body
        case .failure(let rejection):
            Issue.record("rejected: \(rejection.problems)", sourceLocation: sourceLocation)
            throw rejection
        }
    }

    struct RuleRow: CustomTestStringConvertible, Sendable {
        var rule: String
        var body: String
        var pointer: String
        var detail: String
        var testDescription: String { rule }

        /// `fields` is the inside of a body that is otherwise valid: a valid ExperimentName is put
        /// first unless the row sets one or `addingExperimentName` is false.
        init(_ rule: String, _ fields: String, _ pointer: String, _ detail: String, addingExperimentName: Bool = true) {
            self.rule = rule
            let setsExperiment = fields.lowercased().contains("\"experimentname\"")
            body = "{" + (setsExperiment || !addingExperimentName ? "" : #""ExperimentName":"exp","#) + fields + "}"
            self.pointer = pointer
            self.detail = detail
        }
    }

    static let keyRules: [RuleRow] = [
        RuleRow("unknown key, with a suggestion and the accepted list", #""ParameterAssigments":{}"#, "/ParameterAssigments",
                "Unknown key 'ParameterAssigments' (did you mean 'ParameterAssignments'?). Accepted keys (in any letter case, as Azure binds them): "
                + "ExperimentName, Description, RunSource, RunType, ParameterAssignments, DataPathAssignments, "
                + "DataSetDefinitionValueAssignments, ContinueRunOnStepFailure, EnableNotification, tags, Properties."),
        RuleRow("unknown key not in Azure's submit model", #""ScheduleId":"s""#, "/ScheduleId", "Unknown key 'ScheduleId'"),
        RuleRow("unknown key is pointed at RFC 6901-escaped", #""a/b~c":1"#, "/a~1b~0c", "Unknown key 'a/b~c'"),
        RuleRow("the same key twice", #""ExperimentName":"a","ExperimentName":"b""#, "/ExperimentName",
                "Key 'ExperimentName' appears more than once; send it once."),
        RuleRow("two keys naming the same field in other casing", #""ExperimentName":"a","experimentNAME":"b""#, "/experimentNAME",
                "Keys 'ExperimentName' and 'experimentNAME' name the same field (keys are matched ignoring case, as Azure does); send it once."),
        RuleRow("tags and Tags together", #""tags":{},"Tags":{}"#, "/Tags", "name the same field"),
    ]

    static let experimentNameRules: [RuleRow] = [
        RuleRow("ExperimentName missing", #""RunSource":"SDK""#, "/ExperimentName", "ExperimentName is required", addingExperimentName: false),
        RuleRow("ExperimentName null", #""ExperimentName":null"#, "/ExperimentName", "ExperimentName is required"),
        RuleRow("ExperimentName not a string", #""ExperimentName":42"#, "/ExperimentName", "ExperimentName must be a string; got a number."),
        RuleRow("ExperimentName empty", #""ExperimentName":"""#, "/ExperimentName", "ExperimentName must not be empty."),
        RuleRow("ExperimentName with a space", #""ExperimentName":"bad name""#, "/ExperimentName",
                "ExperimentName 'bad name' is not a valid experiment name. It must be 1 to 255 characters"),
        RuleRow("ExperimentName with a dot", #""ExperimentName":"v1.2""#, "/ExperimentName", "is not a valid experiment name"),
        RuleRow("ExperimentName starting with '_'", #""ExperimentName":"_exp""#, "/ExperimentName", "is not a valid experiment name"),
        RuleRow("ExperimentName with a non-ASCII letter", #""ExperimentName":"expé""#, "/ExperimentName", "is not a valid experiment name"),
        RuleRow("ExperimentName of 256 characters", "\"ExperimentName\":\"\(String(repeating: "a", count: 256))\"", "/ExperimentName",
                "ExperimentName is 256 characters long; at most 255 are allowed."),
        RuleRow("ExperimentName pointed at as written", #""experimentname":"a b""#, "/experimentname", "is not a valid experiment name"),
    ]

    static let scalarFieldRules: [RuleRow] = [
        RuleRow("Description not a string", #""Description":["x"]"#, "/Description", "Description must be a string; got an array."),
        RuleRow("RunSource not a string", #""RunSource":1"#, "/RunSource", "RunSource must be a string; got a number."),
        RuleRow("RunType not a known run type", #""RunType":"Manual""#, "/RunType",
                "RunType must be one of HTTP, SDK, Schedule, Portal (or 0–3); got 'Manual'."),
        RuleRow("RunType code out of range", #""RunType":7"#, "/RunType", "RunType must be one of HTTP, SDK, Schedule, Portal (or 0–3); got '7'."),
        RuleRow("RunType of another type", #""RunType":true"#, "/RunType", "RunType must be a string (HTTP, SDK, Schedule, Portal); got a boolean."),
        RuleRow("ContinueRunOnStepFailure as a string", #""ContinueRunOnStepFailure":"true""#, "/ContinueRunOnStepFailure",
                "ContinueRunOnStepFailure must be true or false; got a string."),
        RuleRow("EnableNotification as a number", #""EnableNotification":1"#, "/EnableNotification",
                "EnableNotification must be true or false; got a number."),
    ]

    static let parameterRules: [RuleRow] = [
        RuleRow("ParameterAssignments not an object", #""ParameterAssignments":["lr"]"#, "/ParameterAssignments",
                "ParameterAssignments must be an object of name → string, number or boolean; got an array."),
        RuleRow("parameter value null", #""ParameterAssignments":{"lr":null}"#, "/ParameterAssignments/lr",
                "Parameter 'lr' must be a string, number or boolean; got null."),
        RuleRow("parameter value an array", #""ParameterAssignments":{"lr":[1]}"#, "/ParameterAssignments/lr", "got an array."),
        RuleRow("parameter value an object", #""ParameterAssignments":{"lr":{"v":1}}"#, "/ParameterAssignments/lr", "got an object."),
        RuleRow("parameter assigned twice", #""ParameterAssignments":{"lr":"1","lr":"2"}"#, "/ParameterAssignments/lr",
                "'lr' appears more than once in ParameterAssignments; send it once."),
        RuleRow("parameter name with '/' pointed at escaped", #""ParameterAssignments":{"a/b":null}"#, "/ParameterAssignments/a~1b", "got null."),
        RuleRow("parameter pointer uses the client's casing", #""parameterassignments":{"lr":null}"#, "/parameterassignments/lr", "got null."),
    ]

    static let dataPathRules: [RuleRow] = [
        RuleRow("DataPathAssignments not an object", #""DataPathAssignments":"x""#, "/DataPathAssignments",
                "DataPathAssignments must be an object of name → {\"DataStoreName\", \"RelativePath\"}; got a string."),
        RuleRow("DataPath not an object", #""DataPathAssignments":{"in":"ws/a.csv"}"#, "/DataPathAssignments/in",
                "DataPath 'in' must be an object {\"DataStoreName\": …, \"RelativePath\": …}; got a string."),
        RuleRow("DataPath without DataStoreName", #""DataPathAssignments":{"in":{"RelativePath":"a.csv"}}"#,
                "/DataPathAssignments/in/DataStoreName", "DataPath 'in' needs DataStoreName."),
        RuleRow("DataPath without RelativePath", #""DataPathAssignments":{"in":{"DataStoreName":"ws"}}"#,
                "/DataPathAssignments/in/RelativePath", "DataPath 'in' needs RelativePath."),
        RuleRow("DataStoreName empty", #""DataPathAssignments":{"in":{"DataStoreName":"","RelativePath":"a.csv"}}"#,
                "/DataPathAssignments/in/DataStoreName", "DataStoreName must not be empty."),
        RuleRow("DataStoreName not a string", #""DataPathAssignments":{"in":{"DataStoreName":1,"RelativePath":"a.csv"}}"#,
                "/DataPathAssignments/in/DataStoreName", "DataStoreName must be a string; got a number."),
        RuleRow("RelativePath empty", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":""}}"#,
                "/DataPathAssignments/in/RelativePath", "RelativePath must not be empty."),
        RuleRow("RelativePath absolute", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"/etc/passwd"}}"#,
                "/DataPathAssignments/in/RelativePath", "RelativePath '/etc/passwd' is absolute"),
        RuleRow("RelativePath absolute with a backslash", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"\\share\\a"}}"#,
                "/DataPathAssignments/in/RelativePath", "is absolute"),
        RuleRow("RelativePath with a drive letter", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"C:data/a.csv"}}"#,
                "/DataPathAssignments/in/RelativePath", "starts with a drive letter"),
        RuleRow("RelativePath with a '..' segment", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"in/../../secret"}}"#,
                "/DataPathAssignments/in/RelativePath", "contains a '..' segment"),
        RuleRow("RelativePath with a backslash '..' segment", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"in\\..\\x"}}"#,
                "/DataPathAssignments/in/RelativePath", "contains a '..' segment"),
        RuleRow("RelativePath that is just '..'", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":".."}}"#,
                "/DataPathAssignments/in/RelativePath", "contains a '..' segment"),
        RuleRow("unknown key inside a DataPath", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"a","Path":"b"}}"#,
                "/DataPathAssignments/in/Path", "Unknown key 'Path' in DataPath 'in'. Accepted keys: DataStoreName, RelativePath."),
        RuleRow("DataPath keys colliding ignoring case", #""DataPathAssignments":{"in":{"DataStoreName":"ws","datastorename":"x","RelativePath":"a"}}"#,
                "/DataPathAssignments/in/datastorename", "name the same field"),
        RuleRow("DataPath assigned twice", #""DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"a"},"in":{"DataStoreName":"ws","RelativePath":"b"}}"#,
                "/DataPathAssignments/in", "'in' appears more than once in DataPathAssignments"),
    ]

    static let dataSetRules: [RuleRow] = [
        RuleRow("DataSetDefinitionValueAssignments not an object", #""DataSetDefinitionValueAssignments":[]"#,
                "/DataSetDefinitionValueAssignments", "must be an object of name → dataset value object; got an array."),
        RuleRow("dataset assignment not an object", #""DataSetDefinitionValueAssignments":{"ds":"id-1"}"#,
                "/DataSetDefinitionValueAssignments/ds", "Dataset assignment 'ds' must be an object"),
        RuleRow("dataset LiteralValue that is not a DataPath", #""DataSetDefinitionValueAssignments":{"ds":{"LiteralValue":{"DataStoreName":"ws"}}}"#,
                "/DataSetDefinitionValueAssignments/ds/LiteralValue/RelativePath", "LiteralValue needs RelativePath."),
        RuleRow("repeated key deep in a dataset assignment", #""DataSetDefinitionValueAssignments":{"ds":{"SavedDataSetReference":{"Id":"a","Id":"b"}}}"#,
                "/DataSetDefinitionValueAssignments/ds/SavedDataSetReference/Id", "This key appears more than once in its object"),
    ]

    static let mapRules: [RuleRow] = [
        RuleRow("tags not an object", #""tags":"team=ml""#, "/tags", "tags must be an object of name → string, number or boolean; got a string."),
        RuleRow("tag value an object", #""tags":{"team":{"name":"ml"}}"#, "/tags/team", "Tag 'team' must be a string, number or boolean; got an object."),
        RuleRow("tag set twice", #""tags":{"team":"a","team":"b"}"#, "/tags/team", "'team' appears more than once in tags"),
        RuleRow("Properties not an object", #""Properties":[]"#, "/Properties", "Properties must be an object"),
        RuleRow("property value null", #""Properties":{"azureml.git.dirty":null}"#, "/Properties/azureml.git.dirty",
                "Property 'azureml.git.dirty' must be a string, number or boolean; got null."),
    ]

    @Test(arguments: keyRules + experimentNameRules + scalarFieldRules + parameterRules + dataPathRules + dataSetRules + mapRules)
    func parse_ruleBroken_reportsOneProblemAtItsPointer(_ row: RuleRow) {
        let problems = Self.problems(row.body)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.pointer == row.pointer)
        #expect(problems.first?.detail.contains(row.detail) == true, "\(problems.first?.detail ?? "none")")
        if case .failure(.malformed) = Self.parse(row.body) { Issue.record("shape problems must be .invalid") }
    }

    @Test func parse_manyProblems_allReportedInDocumentOrder() {
        let body = #"""
        {"ExperimentName": "bad name", "ParameterAssigments": {}, "ParameterAssignments": {"lr": null, "ok": 1, "n": [2]},
         "DataPathAssignments": {"in": {"DataStoreName": "", "RelativePath": "../x"}, "out": 5},
         "ContinueRunOnStepFailure": "yes", "tags": {"gateway_run_id": "x", "t": {}}, "Tags": {}, "RunType": "Nightly"}
        """#
        let problems = Self.problems(body)
        #expect(problems.map(\.pointer) == [
            "/ExperimentName",
            "/ParameterAssigments",
            "/ParameterAssignments/lr",
            "/ParameterAssignments/n",
            "/DataPathAssignments/in/DataStoreName",
            "/DataPathAssignments/in/RelativePath",
            "/DataPathAssignments/out",
            "/ContinueRunOnStepFailure",
            "/tags/t",
            "/Tags",
            "/RunType",
        ])
        guard case .failure(.invalid(let listed)) = Self.parse(body) else {
            Issue.record("expected .invalid")
            return
        }
        #expect(listed.allSatisfy { !$0.detail.isEmpty })
    }

    @Test func parse_missingExperimentNameAndOtherProblems_allReported() {
        let problems = Self.problems(#"{"Description": 1, "Extra": true}"#)
        #expect(problems.map(\.pointer) == ["/Description", "/Extra", "/ExperimentName"])
    }

    // MARK: Not JSON, not an object

    struct MalformedRow: CustomTestStringConvertible, Sendable {
        var comment: String
        var bytes: [UInt8]
        var detail: String
        var testDescription: String { comment }
    }

    static let malformed: [MalformedRow] = [
        MalformedRow(comment: "empty body", bytes: [],
                     detail: "invalid JSON at byte 0: the body is empty; send a JSON object such as {\"ExperimentName\": \"my-experiment\"}."),
        MalformedRow(comment: "whitespace only", bytes: Array(" \r\n".utf8),
                     detail: "invalid JSON at byte 3: unexpected end of input, expected a value"),
        MalformedRow(comment: "truncated body", bytes: Array(#"{"ExperimentName": "exp", "ParameterAssignments": {"lr": "0."#.utf8),
                     detail: "invalid JSON at byte 60: unexpected end of input, expected '\"' closing the string"),
        MalformedRow(comment: "truncated after a member", bytes: Array(#"{"ExperimentName": "exp""#.utf8),
                     detail: "invalid JSON at byte 24: unexpected end of input, expected ',' or '}'"),
        MalformedRow(comment: "invalid UTF-8 in a value", bytes: Array(#"{"ExperimentName":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8),
                     detail: "invalid JSON at byte 22: invalid UTF-8 byte sequence"),
        MalformedRow(comment: "overlong UTF-8 in a key", bytes: [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D],
                     detail: "invalid JSON at byte 2: invalid UTF-8 byte sequence"),
        MalformedRow(comment: "deep nesting inside a passed-through field",
                     bytes: Array((#"{"ExperimentName":"e","DataSetDefinitionValueAssignments":"# + String(repeating: #"{"a":"#, count: 70)
                         + "1" + String(repeating: "}", count: 71)).utf8),
                     detail: "invalid JSON at byte 373: arrays and objects nested deeper than 64 levels"),
        MalformedRow(comment: "trailing comma", bytes: Array(#"{"ExperimentName":"e",}"#.utf8),
                     detail: "invalid JSON at byte 21: trailing comma before the end of the array or object"),
        MalformedRow(comment: "single quotes", bytes: Array(#"{'ExperimentName':'e'}"#.utf8),
                     detail: "invalid JSON at byte 1: expected a string key or '}', found '''"),
        MalformedRow(comment: "byte order mark", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"ExperimentName":"e"}"#.utf8),
                     detail: "invalid JSON at byte 0: a byte order mark is not allowed; send UTF-8 without BOM"),
        MalformedRow(comment: "form-encoded body", bytes: Array("ExperimentName=e".utf8),
                     detail: "invalid JSON at byte 0: expected a value, found 'E'"),
    ]

    @Test(arguments: malformed)
    func parse_notJSON_isMalformedNamingTheByte(_ row: MalformedRow) {
        #expect(TriggerValidation.parse(row.bytes) == .failure(.malformed(TriggerProblem(pointer: "", detail: row.detail))))
    }

    static let nonObjects: [(String, String)] = [
        ("[]", "an array"), (#"[{"ExperimentName":"e"}]"#, "an array"), (#""ExperimentName""#, "a string"), ("42", "a number"),
        ("null", "null"), ("true", "a boolean"),
    ]

    @Test(arguments: nonObjects)
    func parse_notAnObject_isInvalidAtTheRoot(_ text: String, _ kind: String) {
        let expected = TriggerProblem(pointer: "", detail: "The body must be a JSON object (Azure's PipelineSubmissionInfo, "
            + "e.g. {\"ExperimentName\": \"my-experiment\"}); got \(kind).")
        #expect(Self.parse(text) == .failure(.invalid([expected])))
    }

    // MARK: Accepted bodies

    @Test func parse_logicAppBody_isAcceptedAsSent() throws {
        let body = try Self.accepted(#"""
        {"ExperimentName": "MyRestPipeline", "ParameterAssignments": {"input_string": "sample_string3"}, "DataPathAssignments": {"input_datapath": {"DataStoreName": "workspaceblobstore", "RelativePath": "input/data.csv"}}, "RunSource": "SDK"}
        """#)
        #expect(body.experimentName == "MyRestPipeline")
        #expect(body.runSource == "SDK")
        #expect(body.parameterAssignments == [TriggerBody.Entry(name: "input_string", value: "sample_string3")])
        #expect(body.dataPathAssignments == [TriggerBody.DataPathEntry(name: "input_datapath", dataStoreName: "workspaceblobstore", relativePath: "input/data.csv")])
        #expect(body.tags.isEmpty && body.properties == nil && body.runType == nil && body.description == nil)
    }

    @Test func parse_minimalBody_defaultsRunSourceToSDK() throws {
        let body = try Self.accepted(#"{"ExperimentName":"e"}"#)
        #expect(body.runSource == "SDK")
        #expect(body.parameterAssignments.isEmpty && body.dataPathAssignments.isEmpty)
    }

    @Test func parse_numbersKeepTheirLiteral() throws {
        let body = try Self.accepted(#"{"ExperimentName":"e","ParameterAssignments":{"lr":1.50,"epochs":10,"big":1e3,"z":-0.0,"s":"1.50","huge":123456789012345678901234567890}}"#)
        #expect(body.parameterAssignments.map(\.value) == ["1.50", "10", "1e3", "-0.0", "1.50", "123456789012345678901234567890"])
    }

    @Test func parse_booleansBecomeTrueAndFalseAsTheSDKSends() throws {
        let body = try Self.accepted(#"{"ExperimentName":"e","ParameterAssignments":{"on":true,"off":false,"text":"true"},"tags":{"b":false}}"#)
        #expect(body.parameterAssignments.map(\.value) == ["True", "False", "true"])
        #expect(body.tags == [TriggerBody.Entry(name: "b", value: "False")])
    }

    /// Decision: tags and Properties take numbers and booleans like ParameterAssignments (Azure's
    /// binder and the emulator stringify scalars), converted the same way.
    @Test func parse_tagAndPropertyNumbers_areAcceptedAsWritten() throws {
        let body = try Self.accepted(#"{"ExperimentName":"e","tags":{"n":3,"x":0.50},"Properties":{"p":1}}"#)
        #expect(body.tags == [TriggerBody.Entry(name: "n", value: "3"), TriggerBody.Entry(name: "x", value: "0.50")])
        #expect(body.properties == [TriggerBody.Entry(name: "p", value: "1")])
    }

    @Test func parse_keysInAnyCase_areReadAndRemembered() throws {
        let body = try Self.accepted(#"{"experimentname":"e","TAGS":{"a":"b"},"parameterAssignments":{"x":1},"runsource":"API","datapathassignments":{"d":{"datastorename":"ws","relativepath":"a/b.csv"}}}"#)
        #expect(body.experimentName == "e")
        #expect(body.tags == [TriggerBody.Entry(name: "a", value: "b")])
        #expect(body.runSource == "API")
        #expect(body.dataPathAssignments == [TriggerBody.DataPathEntry(name: "d", dataStoreName: "ws", relativePath: "a/b.csv")])
        #expect(body.writtenKeys[.experimentName] == "experimentname")
        #expect(body.pointer(to: .parameterAssignments).description == "/parameterAssignments")
        #expect(body.pointer(to: .properties).description == "/Properties")
    }

    @Test func parse_nullOptionalFields_meanNotGiven() throws {
        let body = try Self.accepted(#"{"ExperimentName":"e","Description":null,"RunSource":null,"RunType":null,"ParameterAssignments":null,"DataPathAssignments":null,"DataSetDefinitionValueAssignments":null,"ContinueRunOnStepFailure":null,"EnableNotification":null,"tags":null,"Properties":null}"#)
        #expect(body == TriggerBody(experimentName: "e", writtenKeys: body.writtenKeys))
    }

    @Test(arguments: [("\"sdk\"", "SDK"), ("\"HTTP\"", "HTTP"), ("\"schedule\"", "Schedule"), ("2", "Schedule"), ("\"3\"", "Portal"), ("0", "HTTP")])
    func parse_runType_normalizedToItsName(_ given: String, _ expected: String) throws {
        #expect(try Self.accepted(#"{"ExperimentName":"e","RunType":\#(given)}"#).runType == expected)
    }

    @Test func parse_allFieldsTogether() throws {
        let body = try Self.accepted(#"""
        {"ExperimentName":"exp-1","Description":"nightly","RunSource":"API","RunType":"SDK",
         "ParameterAssignments":{"b":"2","a":1},"DataPathAssignments":{"in":{"RelativePath":"x/y.csv","DataStoreName":"ws"}},
         "DataSetDefinitionValueAssignments":{"ds":{"SavedDataSetReference":{"Id":"d-1"}},"lit":{"LiteralValue":{"DataStoreName":"ws","RelativePath":"t","SqlDataPath":null}}},
         "ContinueRunOnStepFailure":false,"EnableNotification":true,"tags":{"team":"ml"},"Properties":{"azureml.git.dirty":"False"}}
        """#)
        #expect(body.description == "nightly" && body.runType == "SDK" && body.continueRunOnStepFailure == false && body.enableNotification == true)
        #expect(body.parameterAssignments.map(\.name) == ["b", "a"])
        #expect(body.dataSetDefinitionValueAssignments?["ds"]?["SavedDataSetReference"]?["Id"] == .string("d-1"))
        #expect(body.properties == [TriggerBody.Entry(name: "azureml.git.dirty", value: "False")])
    }

    @Test(arguments: ["..", "../a", "a/..", "a/../b", "a\\..", "a//../b", "a\\..\\b"])
    func parse_parentSegmentAnywhere_isRejected(_ path: String) {
        let json = path.replacing("\\", with: "\\\\")
        let problems = Self.problems(#"{"ExperimentName":"e","DataPathAssignments":{"d":{"DataStoreName":"ws","RelativePath":"\#(json)"}}}"#)
        #expect(problems.map(\.pointer) == ["/DataPathAssignments/d/RelativePath"])
        #expect(problems.first?.detail.contains("'..' segment") == true)
    }

    /// Every accepted key matches in any ASCII case; keys one letter off or of another length do not.
    @Test(arguments: TriggerField.allCases)
    func field_matchesItsNameInAnyCaseOnly(_ field: TriggerField) {
        #expect(TriggerField(matching: field.wireName) == field)
        #expect(TriggerField(matching: field.wireName.uppercased()) == field)
        #expect(TriggerField(matching: field.wireName.lowercased()) == field)
        #expect(TriggerField(matching: field.wireName + "s") == nil)
        #expect(TriggerField(matching: String(field.wireName.dropLast()) + "_") == nil)
        #expect(TriggerField(matching: " " + field.wireName.dropFirst()) == nil)
    }

    @Test func field_namesHaveDistinctLengths() {
        #expect(Set(TriggerField.allCases.map(\.wireName.utf8.count)).count == TriggerField.allCases.count)
    }

    @Test func parse_relativePathsThatStayInside_areAccepted() throws {
        for path in ["a.csv", "in/2026/11/a.csv", "dir/", "./a", "a..b/c", "..a", "x/..y"] {
            let body = try Self.accepted(#"{"ExperimentName":"e","DataPathAssignments":{"d":{"DataStoreName":"ws","RelativePath":"\#(path)"}}}"#)
            #expect(body.dataPathAssignments.first?.relativePath == path)
        }
    }
}
