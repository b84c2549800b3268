import JSON
import Testing
@testable import Gateway

/// What a validated trigger becomes: the exact bytes Azure gets, and the fingerprint repeats of an
/// `Idempotency-Key` are compared by.
@Suite struct TriggerValidationBodyTests {
    static func body(_ text: String) throws -> TriggerBody {
        try TriggerValidation.parse(Array(text.utf8)).get()
    }

    static func azure(_ text: String, runID: String = "gw-1") throws -> String {
        String(decoding: try body(text).azureBody(gatewayRunID: runID), as: UTF8.self)
    }

    @Test func azureBody_logicAppBody() throws {
        let sent = #"{"ExperimentName": "MyRestPipeline", "ParameterAssignments": {"input_string": "sample_string3"}, "DataPathAssignments": {"input_datapath": {"DataStoreName": "workspaceblobstore", "RelativePath": "input/data.csv"}}, "RunSource": "SDK"}"#
        #expect(try Self.azure(sent, runID: "0f8e5a2c-run") == #"{"ExperimentName":"MyRestPipeline","RunSource":"SDK","ParameterAssignments":{"input_string":"sample_string3"},"DataPathAssignments":{"input_datapath":{"DataStoreName":"workspaceblobstore","RelativePath":"input/data.csv"}},"tags":{"gateway_run_id":"0f8e5a2c-run"}}"#)
    }

    @Test func azureBody_numbersAsWrittenAndBooleansAsTheSDKSends() throws {
        #expect(try Self.azure(#"{"ExperimentName":"e","ParameterAssignments":{"lr":1.50,"epochs":10,"flag":true,"off":false}}"#)
            == #"{"ExperimentName":"e","RunSource":"SDK","ParameterAssignments":{"lr":"1.50","epochs":"10","flag":"True","off":"False"},"tags":{"gateway_run_id":"gw-1"}}"#)
    }

    @Test func azureBody_runIDAddedAfterTheCallersTags() throws {
        #expect(try Self.azure(#"{"ExperimentName":"e","tags":{"team":"ml","n":3}}"#)
            == #"{"ExperimentName":"e","RunSource":"SDK","tags":{"team":"ml","n":"3","gateway_run_id":"gw-1"}}"#)
    }

    @Test func azureBody_callersRunIDTag_replacedInPlace() throws {
        #expect(try Self.azure(#"{"ExperimentName":"e","tags":{"gateway_run_id":"spoofed","a":"b"}}"#)
            == #"{"ExperimentName":"e","RunSource":"SDK","tags":{"gateway_run_id":"gw-1","a":"b"}}"#)
    }

    @Test func azureBody_runIDReplacesOneSetInCode() {
        let body = TriggerBody(experimentName: "e", tags: [TriggerBody.Entry(name: "gateway_run_id", value: "old"), TriggerBody.Entry(name: "a", value: "b")])
        #expect(String(decoding: body.azureBody(gatewayRunID: "new"), as: UTF8.self)
            == #"{"ExperimentName":"e","RunSource":"SDK","tags":{"gateway_run_id":"new","a":"b"}}"#)
    }

    @Test func azureBody_keysInAnyCase_forwardedInTheSDKsCasing() throws {
        #expect(try Self.azure(#"{"experimentname":"e","Tags":{"a":"b"},"PARAMETERASSIGNMENTS":{"x":"1"},"datapathassignments":{"d":{"datastorename":"ws","RELATIVEPATH":"a.csv"}},"runtype":"sdk","continuerunonstepfailure":true}"#)
            == #"{"ExperimentName":"e","RunSource":"SDK","RunType":"SDK","ParameterAssignments":{"x":"1"},"DataPathAssignments":{"d":{"DataStoreName":"ws","RelativePath":"a.csv"}},"ContinueRunOnStepFailure":true,"tags":{"a":"b","gateway_run_id":"gw-1"}}"#)
    }

    @Test func azureBody_everyFieldInTheSDKsOrder() throws {
        let sent = #"""
        {"Properties":{"p":"1"},"tags":{"t":"v"},"EnableNotification":false,"ContinueRunOnStepFailure":true,
         "DataSetDefinitionValueAssignments":{"ds":{"SavedDataSetReference":{"Id":"d-1"},"Extra":[1.0,null]}},
         "DataPathAssignments":{"in":{"RelativePath":"x.csv","DataStoreName":"ws"}},"ParameterAssignments":{"b":"2","a":"1"},
         "RunType":2,"RunSource":"API","Description":"weekly \"run\"\n","ExperimentName":"e"}
        """#
        #expect(try Self.azure(sent) == #"{"ExperimentName":"e","Description":"weekly \"run\"\n","RunSource":"API","RunType":"Schedule","ParameterAssignments":{"b":"2","a":"1"},"DataPathAssignments":{"in":{"DataStoreName":"ws","RelativePath":"x.csv"}},"DataSetDefinitionValueAssignments":{"ds":{"SavedDataSetReference":{"Id":"d-1"},"Extra":[1.0,null]}},"ContinueRunOnStepFailure":true,"EnableNotification":false,"tags":{"t":"v","gateway_run_id":"gw-1"},"Properties":{"p":"1"}}"#)
    }

    @Test func azureBody_isValidJSONThatReadsBackTheSame() throws {
        let original = try Self.body(#"{"ExperimentName":"e","Description":"\u0001é😀","ParameterAssignments":{"a/b":"\"q\""},"tags":{"k":"v"}}"#)
        let sent = try JSONParser().parse(original.azureBody(gatewayRunID: "r"))
        #expect(sent["Description"] == .string("\u{1}é😀"))
        #expect(sent["ParameterAssignments"] == .object([JSONMember(key: "a/b", value: .string("\"q\""))]))
        #expect(sent["tags"] == .object([JSONMember(key: "k", value: .string("v")), JSONMember(key: "gateway_run_id", value: .string("r"))]))
    }

    /// A forwarded body read back (the ledger keeps it, `retry` re-sends it) is a valid trigger with the
    /// same meaning, and forwarding it again replaces the old run id in place.
    @Test func azureBody_readBackForARetry_sameBodyWithANewRunID() throws {
        let original = try Self.body(#"{"ExperimentName":"e","ParameterAssignments":{"lr":0.5},"tags":{"team":"ml"}}"#)
        let stored = original.azureBody(gatewayRunID: "run-1")
        let reread = try TriggerValidation.parse(stored).get()
        #expect(reread.fingerprint == original.fingerprint)
        #expect(String(decoding: reread.azureBody(gatewayRunID: "run-2"), as: UTF8.self)
            == #"{"ExperimentName":"e","RunSource":"SDK","ParameterAssignments":{"lr":"0.5"},"tags":{"team":"ml","gateway_run_id":"run-2"}}"#)
    }

    // MARK: Fingerprint

    @Test func fingerprint_sameLogicalBody_sameFingerprint() throws {
        let a = try Self.body(#"{"ExperimentName":"e","ParameterAssignments":{"lr":0.5,"n":5,"f":true},"tags":{"x":"1","y":"2"},"RunSource":"SDK"}"#)
        let b = try Self.body(#"  {"tags":{"y":"2","x":1},"parameterassignments":{"f":"True","n":"5","lr":"0.5"},"experimentname":"e"} "#)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint.description == b.fingerprint.description)
        #expect(a.fingerprint.description.count == 16)
    }

    @Test func fingerprint_emptyAndAbsentMapsAreTheSame() throws {
        #expect(try Self.body(#"{"ExperimentName":"e"}"#).fingerprint
            == Self.body(#"{"ExperimentName":"e","ParameterAssignments":{},"DataPathAssignments":{},"tags":{}}"#).fingerprint)
    }

    @Test func fingerprint_ignoresTheGatewayRunIDTag() {
        let plain = TriggerBody(experimentName: "e")
        let tagged = TriggerBody(experimentName: "e", tags: [TriggerBody.Entry(name: "gateway_run_id", value: "r-1")])
        #expect(plain.fingerprint == tagged.fingerprint)
    }

    @Test(arguments: [
        #"{"ExperimentName":"f"}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.50"}}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5","x":"1"}}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"},"RunSource":"API"}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"},"ContinueRunOnStepFailure":false}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"},"tags":{"t":"1"}}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"},"Properties":{}}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"},"DataSetDefinitionValueAssignments":{}}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"},"DataPathAssignments":{"d":{"DataStoreName":"ws","RelativePath":"a"}}}"#,
        #"{"ExperimentName":"e","ParameterAssignments":{"LR":"0.5"}}"#,
    ])
    func fingerprint_anyDifferenceAzureWouldSee_changesIt(_ other: String) throws {
        let base = try Self.body(#"{"ExperimentName":"e","ParameterAssignments":{"lr":"0.5"}}"#)
        #expect(try Self.body(other).fingerprint != base.fingerprint)
    }

    @Test func fingerprint_datasetKeyOrderDoesNotMatter() throws {
        #expect(try Self.body(#"{"ExperimentName":"e","DataSetDefinitionValueAssignments":{"a":{"X":1,"Y":2},"b":{}}}"#).fingerprint
            == Self.body(#"{"ExperimentName":"e","DataSetDefinitionValueAssignments":{"b":{},"a":{"Y":2,"X":1}}}"#).fingerprint)
    }
}
