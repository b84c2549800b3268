import Foundation

/// Checks a submission against the pipeline it targets and builds the run, in the order of the
/// reference's emulator checklist (§12 item 4): the pipeline is Active, the experiment name is
/// present and valid, every assigned parameter is declared (and fits its declared type and rules),
/// required parameters are assigned, and DataPath values name both datastore and path.
struct SubmissionValidator: Sendable {
    var pipeline: EmulatedPipeline
    var caller: Caller?
    var parentRunID: String?
    var now: Date

    func run(from parsed: Result<SubmissionInfo, AzureError>) throws(AzureError) -> EmulatedRun {
        guard pipeline.status == .active else {
            throw .badRequest(
                "PipelineNotActive",
                "Pipeline \(pipeline.id) is \(pipeline.status.wireName); only Active pipelines can be submitted.")
        }
        let info = try parsed.get()
        let experiment = try ExperimentName.required(info.experimentName)
        try checkParameters(info.parameterAssignments)
        let dataPaths = try dataPathAssignments(info)
        return EmulatedRun(
            id: UUID().uuidString.lowercased(), pipelineID: pipeline.id, graphID: pipeline.graphID,
            experimentName: experiment, description: info.description, runSource: info.runSource ?? "Unavailable",
            runType: info.runType ?? .http, parameterAssignments: info.parameterAssignments,
            dataPathAssignments: dataPaths, dataSetAssignments: info.dataSetAssignments, tags: info.tags,
            properties: info.properties, scheduleID: info.scheduleID, parentRunID: parentRunID,
            continueOnStepFailure: info.continueOnStepFailure ?? pipeline.continueOnStepFailure,
            totalRunSteps: pipeline.totalRunSteps, createdBy: caller, createdAt: now,
            etag: EmulatedPipeline.newETag(), override: nil)
    }

    private func checkParameters(_ assignments: [String: String]) throws(AzureError) {
        for (name, value) in assignments.sorted(by: { $0.key < $1.key }) {
            guard let declared = pipeline.parameter(named: name) else {
                let hint = pipeline.dataPathParameter(named: name) != nil
                    ? " It is a DataPath parameter: assign it in DataPathAssignments."
                    : " Declared parameters: \(declaredNames(pipeline.parameters.map(\.name)))."
                throw .badRequest("UnknownParameter", "Pipeline \(pipeline.id) has no parameter '\(name)'.\(hint)")
            }
            if let problem = declared.problem(with: value) { throw .badRequest("InvalidParameterValue", problem) }
        }
        for declared in pipeline.parameters where !declared.isOptional && assignments[declared.name] == nil {
            throw .badRequest("MissingRequiredParameter", "Parameter '\(declared.name)' has no default and must be assigned.")
        }
    }

    /// DataPath values from `DataPathAssignments`, plus `LiteralValue` data paths assigned through
    /// `DataSetDefinitionValueAssignments` (the other way the SDK can pass a DataPath parameter).
    private func dataPathAssignments(_ info: SubmissionInfo) throws(AzureError) -> [String: DataPathValue] {
        var result: [String: DataPathValue] = [:]
        for (name, raw) in info.dataPathAssignments.sorted(by: { $0.key < $1.key }) {
            guard pipeline.dataPathParameter(named: name) != nil else {
                throw .badRequest(
                    "UnknownDataPathParameter",
                    "Pipeline \(pipeline.id) has no DataPath parameter '\(name)'. "
                        + "Declared DataPath parameters: \(declaredNames(pipeline.dataPathParameters.map(\.name))).")
            }
            guard let value = DataPathValue(wire: raw) else {
                throw .badRequest(
                    "InvalidDataPathAssignment",
                    "DataPathAssignments['\(name)'] must have both DataStoreName and RelativePath as non-empty strings.")
            }
            result[name] = value
        }
        for member in info.dataSetAssignments.members {
            guard let literal = member.value.objectValue?.value(ignoringCase: "LiteralValue"), !literal.isNull else { continue }
            guard pipeline.dataPathParameter(named: member.key) != nil else {
                throw .badRequest("UnknownDataPathParameter", "Pipeline \(pipeline.id) has no DataPath parameter '\(member.key)'.")
            }
            guard let value = DataPathValue(wire: literal) else {
                throw .badRequest(
                    "InvalidDataPathAssignment",
                    "DataSetDefinitionValueAssignments['\(member.key)'].LiteralValue must have both DataStoreName and RelativePath.")
            }
            result[member.key] = result[member.key] ?? value
        }
        for declared in pipeline.dataPathParameters where !declared.isOptional && result[declared.name] == nil {
            throw .badRequest("MissingRequiredParameter", "DataPath parameter '\(declared.name)' has no default and must be assigned.")
        }
        return result
    }

    private func declaredNames(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
