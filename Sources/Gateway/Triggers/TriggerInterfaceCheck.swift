import AzureML
import JSON

/// The interface rules (422-class): a shaped body against the published pipeline's declared
/// parameters and DataPath parameters (reference §3.4, `PipelineInterface`).
enum TriggerInterfaceCheck {
    static func problems(in body: TriggerBody, against interface: PipelineInterface) -> [TriggerProblem] {
        // Names and pointers are built only when a problem is found: valid bodies are the hot path.
        var problems: [TriggerProblem] = []
        var parameterNames: [String] { interface.parameters.map(\.name) }
        var dataPathNames: [String] { interface.dataPathParameters.map(\.name) }
        var parametersPointer: JSONPointer { body.pointer(to: .parameterAssignments) }
        var dataPathsPointer: JSONPointer { body.pointer(to: .dataPathAssignments) }

        for assignment in body.parameterAssignments {
            var pointer: JSONPointer { parametersPointer.appending(assignment.name) }
            guard let declared = interface.parameters.first(where: { $0.name.utf8Equals(assignment.name) }) else {
                let detail = dataPathNames.contains(assignment.name)
                    ? "\(TriggerProblem.quoted(assignment.name)) is a DataPath parameter: assign it in DataPathAssignments as "
                        + "{\"DataStoreName\": …, \"RelativePath\": …}."
                    : "The pipeline has no parameter \(TriggerProblem.quoted(assignment.name))"
                        + "\(NameSuggestion.hint(for: assignment.name, among: parameterNames)). Declared parameters: \(list(parameterNames))."
                problems.append(TriggerProblem(at: pointer, detail))
                continue
            }
            if let problem = ParameterValueRule.problem(with: assignment.value, for: declared) {
                problems.append(TriggerProblem(at: pointer, problem))
            }
        }
        for declared in interface.parameters where declared.isRequired && body.parameter(named: declared.name) == nil {
            problems.append(TriggerProblem(at: parametersPointer,
                "Parameter \(TriggerProblem.quoted(declared.name)) is required (it is not optional and has no default) but is not assigned."))
        }

        for assignment in body.dataPathAssignments where !interface.declaresDataPath(assignment.name) {
            problems.append(TriggerProblem(at: dataPathsPointer.appending(assignment.name),
                                           unknownDataPath(assignment.name, parameterNames: parameterNames, dataPathNames: dataPathNames)))
        }
        // A DataPath parameter can also be assigned as a dataset literal (the emulator accepts it so).
        let literals = body.dataSetDefinitionValueAssignments?.objectMembers?.filter(\.value.hasLiteralValue) ?? []
        for member in literals where !interface.declaresDataPath(member.key) {
            problems.append(TriggerProblem(at: body.pointer(to: .dataSetDefinitionValueAssignments).appending(member.key),
                                           unknownDataPath(member.key, parameterNames: parameterNames, dataPathNames: dataPathNames)))
        }
        for declared in interface.dataPathParameters where declared.isRequired
            && !body.dataPathAssignments.contains(where: { $0.name.utf8Equals(declared.name) })
            && !literals.contains(where: { $0.key.utf8Equals(declared.name) }) {
            problems.append(TriggerProblem(at: dataPathsPointer,
                "DataPath parameter \(TriggerProblem.quoted(declared.name)) is required (it is not optional and has no default) but is not assigned."))
        }
        return problems
    }

    /// Why `name` cannot be assigned as a DataPath (it is not a declared DataPath parameter).
    private static func unknownDataPath(_ name: String, parameterNames: [String], dataPathNames: [String]) -> String {
        if parameterNames.contains(name) {
            return "\(TriggerProblem.quoted(name)) is an ordinary parameter, not a DataPath one: assign it in ParameterAssignments."
        }
        return "The pipeline has no DataPath parameter \(TriggerProblem.quoted(name))"
            + "\(NameSuggestion.hint(for: name, among: dataPathNames)). Declared DataPath parameters: \(list(dataPathNames))."
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}

extension PipelineInterface {
    fileprivate func declaresDataPath(_ name: String) -> Bool {
        dataPathParameters.contains { $0.name.utf8Equals(name) }
    }
}

extension JSONNode {
    /// Whether a dataset assignment carries a non-null `LiteralValue` (a DataPath given that way).
    fileprivate var hasLiteralValue: Bool {
        objectMembers?.contains { ASCIICase.equalIgnoringCase($0.key, TriggerBodyReader.literalValueKey) && !$0.value.isNull } ?? false
    }
}
