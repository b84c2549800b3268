import AzureML
import JSON

/// The trigger validator shared by both trigger paths (`POST /v1/pipelines/{id}/runs` and Azure's
/// own `PipelineSubmit` path): nothing reaches Azure unless the whole body passes, and every
/// problem is reported in one answer.
///
/// Two stages, because they answer differently and need different inputs: `parse` applies the
/// shape rules to the raw bytes (400) with no I/O; `check` applies the pipeline's declared
/// interface (422) once the route has fetched it.
enum TriggerValidation {
    /// The parser for trigger bodies: RFC 8259 strict, nesting at most 64 deep (a valid body nests 6).
    static let parser = JSONParser()

    /// Shape rules on the raw body (the caller has checked the content type and size): valid UTF-8
    /// JSON, an object, only Azure's submit keys (ignoring case, each once), a valid
    /// `ExperimentName`, scalar parameter values, well-formed DataPaths, typed optional fields.
    static func parse(_ body: [UInt8]) -> Result<TriggerBody, TriggerRejection> {
        let root: JSONNode
        do {
            root = try parser.parse(body)
        } catch {
            let detail = error.reason == .emptyInput
                ? "invalid JSON at byte 0: the body is empty; send a JSON object such as {\"ExperimentName\": \"my-experiment\"}."
                : error.description
            return .failure(.malformed(TriggerProblem(pointer: "", detail: detail)))
        }
        guard case .object(let members) = root else {
            return .failure(.invalid([TriggerProblem(pointer: "", detail: "The body must be a JSON object (Azure's "
                + "PipelineSubmissionInfo, e.g. {\"ExperimentName\": \"my-experiment\"}); got \(TriggerProblem.kind(of: root)).")]))
        }
        var reader = TriggerBodyReader()
        guard let trigger = reader.read(members) else { return .failure(.invalid(reader.problems)) }
        return .success(trigger)
    }

    /// Interface rules against the pipeline's declared parameters: unknown names, values that do not
    /// fit the declared type, range or enum, and required parameters left unassigned. Empty when the
    /// body fits.
    static func check(_ body: TriggerBody, against interface: PipelineInterface) -> [TriggerProblem] {
        TriggerInterfaceCheck.problems(in: body, against: interface)
    }
}
