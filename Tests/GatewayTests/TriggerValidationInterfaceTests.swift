import AzureML
import Testing
@testable import Gateway

/// The interface rules of `TriggerValidation.check` (422-class): a shaped body against a pipeline's
/// declared parameters, like the emulator's demo pipeline plus typed and ruled parameters.
@Suite struct TriggerValidationInterfaceTests {
    /// The demo pipeline's two parameters (both with defaults) plus Int/Double/Bool/enum ones.
    static let interface = PipelineInterface(
        parameters: [
            PipelineParameter(name: "input_string", defaultValue: "default_input", type: .string),
            PipelineParameter(name: "epochs", type: .int, min: 1, max: 100),
            PipelineParameter(name: "lr", defaultValue: "0.1", type: .double, min: 0, max: 1),
            PipelineParameter(name: "flag", defaultValue: "False", type: .bool),
            PipelineParameter(name: "optimizer", defaultValue: "adam", type: .string, allowedValues: ["adam", "sgd"]),
            PipelineParameter(name: "note", isOptional: true, type: .string),
            PipelineParameter(name: "anything", defaultValue: "", type: .undefined),
            PipelineParameter(name: "seed", defaultValue: "0", type: .int),
        ],
        dataPathParameters: [
            DataPathParameter(name: "input_datapath", default: LegacyDataPath(dataStoreName: "workspaceblobstore", relativePath: "input/sample.csv")),
            DataPathParameter(name: "labels"),
            DataPathParameter(name: "extra", isOptional: true),
        ])

    static let labels = #""labels":{"DataStoreName":"workspaceblobstore","RelativePath":"l.csv"}"#

    /// Problems of a body whose ParameterAssignments / DataPathAssignments are the given inside.
    static func problems(parameters: String, dataPaths: String = labels, extra: String = "") -> [TriggerProblem] {
        let text = #"{"ExperimentName":"e","ParameterAssignments":{\#(parameters)},"DataPathAssignments":{\#(dataPaths)}\#(extra)}"#
        switch TriggerValidation.parse(Array(text.utf8)) {
        case .success(let body): return TriggerValidation.check(body, against: interface)
        case .failure(let rejection):
            Issue.record("shape problems: \(rejection.problems)")
            return rejection.problems
        }
    }

    @Test func check_fittingBody_hasNoProblems() {
        #expect(Self.problems(parameters: #""epochs":5"#).isEmpty)
    }

    @Test func check_demoPipelineLogicAppBody_fits() throws {
        let demo = PipelineInterface(
            parameters: [PipelineParameter(name: "input_string", defaultValue: "default_input")],
            dataPathParameters: [DataPathParameter(name: "input_datapath", default: LegacyDataPath(dataStoreName: "workspaceblobstore", relativePath: "input/sample.csv"))])
        let body = try TriggerValidation.parse(Array(#"{"ExperimentName": "MyRestPipeline", "ParameterAssignments": {"input_string": "sample_string3"}, "DataPathAssignments": {"input_datapath": {"DataStoreName": "workspaceblobstore", "RelativePath": "input/data.csv"}}, "RunSource": "SDK"}"#.utf8)).get()
        #expect(TriggerValidation.check(body, against: demo).isEmpty)
    }

    struct RuleRow: CustomTestStringConvertible, Sendable {
        var rule: String
        var parameters: String
        var dataPaths: String
        var extra: String
        var pointer: String
        var detail: String
        var testDescription: String { rule }

        init(_ rule: String, _ parameters: String, dataPaths: String = TriggerValidationInterfaceTests.labels, extra: String = "",
             _ pointer: String, _ detail: String) {
            self.rule = rule
            self.parameters = parameters
            self.dataPaths = dataPaths
            self.extra = extra
            self.pointer = pointer
            self.detail = detail
        }
    }

    static let rules: [RuleRow] = [
        RuleRow("unknown parameter, with a suggestion and the declared list", #""epochs":5,"epoch":5"#, "/ParameterAssignments/epoch",
                "The pipeline has no parameter 'epoch' (did you mean 'epochs'?). Declared parameters: input_string, epochs, lr, flag, optimizer, note, anything, seed."),
        RuleRow("unknown parameter differing only in case", #""epochs":5,"LR":0.5"#, "/ParameterAssignments/LR", "no parameter 'LR' (did you mean 'lr'?)"),
        RuleRow("DataPath parameter assigned as an ordinary one", #""epochs":5,"input_datapath":"a.csv""#, "/ParameterAssignments/input_datapath",
                "'input_datapath' is a DataPath parameter: assign it in DataPathAssignments"),
        RuleRow("Int given a fraction", #""epochs":"5.5""#, "/ParameterAssignments/epochs", "Parameter 'epochs' is an Int; '5.5' is not an integer."),
        RuleRow("Int given a number written with a fraction", #""epochs":5.0"#, "/ParameterAssignments/epochs", "'5.0' is not an integer."),
        RuleRow("Int given an exponent", #""epochs":1e1"#, "/ParameterAssignments/epochs", "'1e1' is not an integer."),
        RuleRow("Int given text", #""epochs":"five""#, "/ParameterAssignments/epochs", "'five' is not an integer."),
        RuleRow("Int given a boolean", #""epochs":true"#, "/ParameterAssignments/epochs", "'True' is not an integer."),
        RuleRow("Int outside Int64", #""epochs":5,"seed":9223372036854775808"#, "/ParameterAssignments/seed",
                "Parameter 'seed' is an Int; '9223372036854775808' is outside the 64-bit integer range."),
        RuleRow("Int below its minimum", #""epochs":0"#, "/ParameterAssignments/epochs", "Parameter 'epochs' must be at least 1; got '0'."),
        RuleRow("Int above its maximum", #""epochs":"101""#, "/ParameterAssignments/epochs", "Parameter 'epochs' must be at most 100; got '101'."),
        RuleRow("Double given text", #""epochs":5,"lr":"fast""#, "/ParameterAssignments/lr", "Parameter 'lr' is a Double; 'fast' is not a finite number."),
        RuleRow("Double given nan", #""epochs":5,"lr":"nan""#, "/ParameterAssignments/lr", "'nan' is not a finite number."),
        RuleRow("Double given inf", #""epochs":5,"lr":"inf""#, "/ParameterAssignments/lr", "'inf' is not a finite number."),
        RuleRow("Double overflowing to infinity", #""epochs":5,"lr":1e999"#, "/ParameterAssignments/lr", "'1e999' is not a finite number."),
        RuleRow("Double given a hex float", #""epochs":5,"lr":"0x1p-1""#, "/ParameterAssignments/lr", "'0x1p-1' is not a finite number."),
        RuleRow("Double below its minimum", #""epochs":5,"lr":-0.5"#, "/ParameterAssignments/lr", "Parameter 'lr' must be at least 0; got '-0.5'."),
        RuleRow("Double above its maximum", #""epochs":5,"lr":"1.5""#, "/ParameterAssignments/lr", "Parameter 'lr' must be at most 1; got '1.5'."),
        RuleRow("Bool given another word", #""epochs":5,"flag":"yes""#, "/ParameterAssignments/flag",
                "Parameter 'flag' is a Bool; 'yes' is not true or false"),
        RuleRow("Bool given a number", #""epochs":5,"flag":1"#, "/ParameterAssignments/flag", "'1' is not true or false"),
        RuleRow("value outside the enum", #""epochs":5,"optimizer":"rmsprop""#, "/ParameterAssignments/optimizer",
                "Parameter 'optimizer' must be one of 'adam', 'sgd'; got 'rmsprop'."),
        RuleRow("enum compared exactly", #""epochs":5,"optimizer":"Adam""#, "/ParameterAssignments/optimizer", "must be one of 'adam', 'sgd'; got 'Adam'."),
        RuleRow("required parameter not assigned", #""lr":0.5"#, "/ParameterAssignments",
                "Parameter 'epochs' is required (it is not optional and has no default) but is not assigned."),
        RuleRow("unknown DataPath parameter, with a suggestion", #""epochs":5"#,
                dataPaths: labels + #","input_datpath":{"DataStoreName":"ws","RelativePath":"a"}"#, "/DataPathAssignments/input_datpath",
                "The pipeline has no DataPath parameter 'input_datpath' (did you mean 'input_datapath'?). Declared DataPath parameters: input_datapath, labels, extra."),
        RuleRow("ordinary parameter assigned as a DataPath", #""epochs":5"#,
                dataPaths: labels + #","lr":{"DataStoreName":"ws","RelativePath":"a"}"#, "/DataPathAssignments/lr",
                "'lr' is an ordinary parameter, not a DataPath one: assign it in ParameterAssignments."),
        RuleRow("required DataPath parameter not assigned", #""epochs":5"#, dataPaths: "", "/DataPathAssignments",
                "DataPath parameter 'labels' is required (it is not optional and has no default) but is not assigned."),
        RuleRow("unknown DataPath given as a dataset literal", #""epochs":5"#,
                extra: #","DataSetDefinitionValueAssignments":{"nope":{"LiteralValue":{"DataStoreName":"ws","RelativePath":"a"}}}"#,
                "/DataSetDefinitionValueAssignments/nope", "The pipeline has no DataPath parameter 'nope'."),
    ]

    @Test(arguments: rules)
    func check_ruleBroken_reportsOneProblemAtItsPointer(_ row: RuleRow) {
        let problems = Self.problems(parameters: row.parameters, dataPaths: row.dataPaths, extra: row.extra)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.pointer == row.pointer)
        #expect(problems.first?.detail.contains(row.detail) == true, "\(problems.first?.detail ?? "none")")
    }

    static let fitting: [(String, String)] = [
        ("Int as a string", #""epochs":"7""#),
        ("Int with a sign", #""epochs":"+7""#),
        ("Int at its bounds", #""epochs":1,"seed":-9223372036854775808"#),
        ("Double as an integer literal", #""epochs":5,"lr":1"#),
        ("Double with an exponent", #""epochs":5,"lr":5e-1"#),
        ("Double as Python writes it", #""epochs":5,"lr":"1e-05""#),
        ("Double without a leading digit, as float() reads it", #""epochs":5,"lr":".5""#),
        ("Double at its bounds", #""epochs":5,"lr":0.0"#),
        ("Bool as JSON true", #""epochs":5,"flag":true"#),
        ("Bool in any case", #""epochs":5,"flag":"FALSE""#),
        ("enum value", #""epochs":5,"optimizer":"sgd""#),
        ("Undefined type takes anything", #""epochs":5,"anything":"[1, 2]""#),
        ("String takes numbers", #""epochs":5,"input_string":12.50"#),
        ("optional parameter without default left out", #""epochs":5"#),
    ]

    @Test(arguments: fitting)
    func check_fittingValue_hasNoProblem(_ comment: String, _ parameters: String) {
        #expect(Self.problems(parameters: parameters).isEmpty, "\(comment)")
    }

    @Test func check_requiredDataPath_satisfiedByADatasetLiteral() {
        let extra = #","DataSetDefinitionValueAssignments":{"labels":{"LiteralValue":{"DataStoreName":"ws","RelativePath":"l.csv"}}}"#
        #expect(Self.problems(parameters: #""epochs":5"#, dataPaths: "", extra: extra).isEmpty)
    }

    @Test func check_pointersUseTheClientsCasing() throws {
        let body = try TriggerValidation.parse(Array(#"{"experimentname":"e","parameterassignments":{"epochz":1},"datapathassignments":{}}"#.utf8)).get()
        let problems = TriggerValidation.check(body, against: Self.interface)
        #expect(problems.map(\.pointer) == ["/parameterassignments/epochz", "/parameterassignments", "/datapathassignments"])
    }

    @Test func check_absentMaps_pointAtTheSDKSpelling() throws {
        let body = try TriggerValidation.parse(Array(#"{"ExperimentName":"e"}"#.utf8)).get()
        #expect(TriggerValidation.check(body, against: Self.interface).map(\.pointer) == ["/ParameterAssignments", "/DataPathAssignments"])
    }

    @Test func check_manyProblems_allReported() {
        let problems = Self.problems(parameters: #""epoch":5,"lr":"x","flag":"maybe","optimizer":"adagrad""#,
                                     dataPaths: #""input_path":{"DataStoreName":"ws","RelativePath":"a"}"#)
        #expect(problems.map(\.pointer) == [
            "/ParameterAssignments/epoch", "/ParameterAssignments/lr", "/ParameterAssignments/flag", "/ParameterAssignments/optimizer",
            "/ParameterAssignments", "/DataPathAssignments/input_path", "/DataPathAssignments",
        ])
    }

    @Test func check_emptyInterface_listsNone() {
        let body = TriggerBody(experimentName: "e", parameterAssignments: [TriggerBody.Entry(name: "x", value: "1")])
        #expect(TriggerValidation.check(body, against: PipelineInterface()) == [
            TriggerProblem(pointer: "/ParameterAssignments/x", detail: "The pipeline has no parameter 'x'. Declared parameters: none."),
        ])
    }
}
