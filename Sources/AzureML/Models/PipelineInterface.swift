/// What a submit to a published pipeline may assign: its declared parameters and DataPath parameters.
public struct PipelineInterface: Sendable, Hashable {
    public var parameters: [PipelineParameter]
    public var dataPathParameters: [DataPathParameter]

    public init(parameters: [PipelineParameter] = [], dataPathParameters: [DataPathParameter] = []) {
        self.parameters = parameters
        self.dataPathParameters = dataPathParameters
    }

    /// Builds the gateway's view from the graph interface. Entries without a name cannot be assigned
    /// by a submit, so they are left out.
    public init(_ entity: EntityInterface) {
        parameters = (entity.parameters ?? []).compactMap { parameter in
            guard let name = parameter.name, !name.isEmpty else { return nil }
            let rules = parameter.minMaxRules ?? []
            let allowed = parameter.enumRules.map { rules in rules.flatMap { $0.validValues ?? [] } }
            return PipelineParameter(
                name: name,
                defaultValue: parameter.defaultValue,
                isOptional: parameter.isOptional ?? false,
                type: ParameterType(parameter.type),
                // Several rules must all hold, so the effective range is their intersection.
                min: rules.compactMap(\.min).max(),
                max: rules.compactMap(\.max).min(),
                allowedValues: allowed?.isEmpty == true ? nil : allowed
            )
        }
        dataPathParameters = (entity.dataPathParameters ?? []).compactMap { parameter in
            guard let name = parameter.name, !name.isEmpty else { return nil }
            return DataPathParameter(name: name, default: parameter.defaultValue, isOptional: parameter.isOptional ?? false)
        }
    }
}
