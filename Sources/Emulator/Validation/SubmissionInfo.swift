/// `PipelineSubmissionInfo`, the body of `POST …/PipelineRuns/PipelineSubmit/{id}`, read the way
/// the ASP.NET service binds it: property names ignoring case, parameter values as strings or
/// JSON scalars (stringified: `5` → `"5"`, `true` → `"True"`). Shape errors are found here; rules
/// that need the pipeline are `SubmissionValidator`'s.
struct SubmissionInfo: Sendable {
    var experimentName: JSONValue?
    var description: String?
    var runSource: String?
    var runType: RunType?
    var parameterAssignments: [String: String] = [:]
    /// Raw values, checked against the pipeline's DataPath parameters by the validator.
    var dataPathAssignments: [String: JSONValue] = [:]
    var dataSetAssignments: JSONObject = JSONObject()
    var tags: [String: String] = [:]
    var properties: [String: String] = [:]
    var scheduleID: String?
    var continueOnStepFailure: Bool?

    init(body: [UInt8]) throws(AzureError) {
        // An empty body binds as an empty object (then fails on the missing ExperimentName).
        let value: JSONValue = body.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 } ? .object([:]) : (JSONValue.parse(body) ?? .null)
        guard let object = value.objectValue else {
            throw .badRequest("InvalidRequestBody", "The request body must be a JSON object (PipelineSubmissionInfo).")
        }
        try self.init(object: object)
    }

    /// The same binding for a `PipelineSubmissionInfo` nested in another body (a schedule's).
    init(object: JSONObject) throws(AzureError) {
        experimentName = object.value(ignoringCase: "ExperimentName")
        description = try Self.optionalString(object, "Description")
        runSource = try Self.optionalString(object, "RunSource")
        scheduleID = try Self.optionalString(object, "ScheduleId")
        if let raw = object.value(ignoringCase: "RunType"), !raw.isNull {
            guard let runType = RunType(wire: raw) else {
                throw .badRequest("InvalidRunType", "RunType must be one of \(RunType.wireNames) (or 0–3); got \(raw.text).")
            }
            self.runType = runType
        }
        if let raw = object.value(ignoringCase: "ContinueRunOnStepFailure"), !raw.isNull {
            guard case .bool(let flag) = raw else {
                throw .badRequest("InvalidRequestBody", "ContinueRunOnStepFailure must be true, false or null.")
            }
            continueOnStepFailure = flag
        }
        parameterAssignments = try Self.stringMap(object, "ParameterAssignments", code: "InvalidParameterValue")
        tags = try Self.stringMap(object, "tags", code: "InvalidRequestBody")
        properties = try Self.stringMap(object, "Properties", code: "InvalidRequestBody")
        if let raw = object.value(ignoringCase: "DataPathAssignments"), !raw.isNull {
            guard let map = raw.objectValue else {
                throw .badRequest("InvalidDataPathAssignment", "DataPathAssignments must be an object of {\"DataStoreName\",\"RelativePath\"}.")
            }
            for member in map.members { dataPathAssignments[member.key] = member.value }
        }
        if let raw = object.value(ignoringCase: "DataSetDefinitionValueAssignments"), !raw.isNull {
            guard let map = raw.objectValue else {
                throw .badRequest("InvalidRequestBody", "DataSetDefinitionValueAssignments must be an object.")
            }
            dataSetAssignments = map
        }
    }

    private static func optionalString(_ object: JSONObject, _ key: String) throws(AzureError) -> String? {
        guard let raw = object.value(ignoringCase: key), !raw.isNull else { return nil }
        guard let text = raw.stringValue else { throw .badRequest("InvalidRequestBody", "\(key) must be a string.") }
        return text
    }

    /// An object of scalars as strings; null or absent is empty.
    private static func stringMap(_ object: JSONObject, _ key: String, code: String) throws(AzureError) -> [String: String] {
        guard let raw = object.value(ignoringCase: key), !raw.isNull else { return [:] }
        guard let map = raw.objectValue else { throw .badRequest(code, "\(key) must be an object of name → value.") }
        var result: [String: String] = [:]
        for member in map.members {
            guard let text = member.value.scalarText else {
                throw .badRequest(code, "\(key)['\(member.key)'] must be a string, number or boolean; got \(member.value.text).")
            }
            result[member.key] = text
        }
        return result
    }
}
