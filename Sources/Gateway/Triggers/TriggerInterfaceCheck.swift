import AzureML
import JSON

/// The interface rules (422-class): a shaped body against the published pipeline's declared
/// parameters and DataPath parameters (reference §3.4, `PipelineInterface`).
enum TriggerInterfaceCheck {
    static func problems(in body: TriggerBody, against interface: PipelineInterface) -> [TriggerProblem] {
        var problems: [TriggerProblem] = []
        let parameterNames = interface.parameters.map(\.name)
        let dataPathNames = interface.dataPathParameters.map(\.name)

        let parametersPointer = body.pointer(to: .parameterAssignments)
        for assignment in body.parameterAssignments {
            let pointer = parametersPointer.appending(assignment.name)
            guard let declared = interface.parameters.first(where: { $0.name == assignment.name }) else {
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

        var assignedDataPaths = Set<String>()
        let dataPathsPointer = body.pointer(to: .dataPathAssignments)
        for assignment in body.dataPathAssignments {
            assignedDataPaths.insert(assignment.name)
            if let problem = unknownDataPath(assignment.name, parameterNames: parameterNames, dataPathNames: dataPathNames) {
                problems.append(TriggerProblem(at: dataPathsPointer.appending(assignment.name), problem))
            }
        }
        // A DataPath parameter can also be assigned as a dataset literal (the emulator accepts it so).
        let dataSetPointer = body.pointer(to: .dataSetDefinitionValueAssignments)
        for member in body.dataSetDefinitionValueAssignments?.objectMembers ?? [] where member.value.hasLiteralValue {
            assignedDataPaths.insert(member.key)
            if let problem = unknownDataPath(member.key, parameterNames: parameterNames, dataPathNames: dataPathNames) {
                problems.append(TriggerProblem(at: dataSetPointer.appending(member.key), problem))
            }
        }
        for declared in interface.dataPathParameters where declared.isRequired && !assignedDataPaths.contains(declared.name) {
            problems.append(TriggerProblem(at: dataPathsPointer,
                "DataPath parameter \(TriggerProblem.quoted(declared.name)) is required (it is not optional and has no default) but is not assigned."))
        }
        return problems
    }

    private static func unknownDataPath(_ name: String, parameterNames: [String], dataPathNames: [String]) -> String? {
        guard !dataPathNames.contains(name) else { return nil }
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

extension JSONNode {
    /// Whether a dataset assignment carries a non-null `LiteralValue` (a DataPath given that way).
    fileprivate var hasLiteralValue: Bool {
        objectMembers?.contains { ASCIICase.equalIgnoringCase($0.key.utf8, TriggerBodyReader.literalValueKey) && !$0.value.isNull } ?? false
    }
}
