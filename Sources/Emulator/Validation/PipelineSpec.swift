import Foundation

/// The body of `POST /emulator/pipelines`, turned into a published pipeline. Parameters are given
/// compactly (DESIGN.md's admin table): `"name": "default"` is a String parameter, `null` a
/// required String, a number or boolean a typed parameter with that default, and an object
/// `{"default","type","min","max","enum","documentation"}` spells everything out.
enum PipelineSpec {
    static func pipeline(from body: [UInt8], now: Date) throws(AzureError) -> EmulatedPipeline {
        guard let object = JSONValue.parse(body)?.objectValue else {
            throw invalid("The body must be a JSON object {\"name\",\"description\",\"parameters\",\"data_path_parameters\"}.")
        }
        guard let name = object["name"]?.stringValue, !name.isEmpty else { throw invalid("'name' is required (a non-empty string).") }
        let id = try optionalString(object, "id") ?? UUID().uuidString.lowercased()
        guard !id.isEmpty, !id.contains("/"), !id.contains("?") else { throw invalid("'id' must be a non-empty path segment.") }
        var status = EntityStatus.active
        if let raw = object["status"], !raw.isNull {
            guard let parsed = EntityStatus(wire: raw) else { throw invalid("'status' must be one of \(EntityStatus.wireNames).") }
            status = parsed
        }
        var continueOnStepFailure = false
        if let raw = object["continue_on_step_failure"], !raw.isNull {
            guard case .bool(let flag) = raw else { throw invalid("'continue_on_step_failure' must be a boolean.") }
            continueOnStepFailure = flag
        }
        let parameters = try declaredParameters(object["parameters"])
        let dataPaths = try declaredDataPaths(object["data_path_parameters"])
        if let clash = parameters.first(where: { p in dataPaths.contains { $0.name == p.name } }) {
            throw invalid("'\(clash.name)' is declared both as a parameter and as a DataPath parameter.")
        }
        return EmulatedPipeline(
            id: id, graphID: UUID().uuidString.lowercased(), name: name, description: try optionalString(object, "description"),
            version: try optionalString(object, "version"), status: status, parameters: parameters,
            dataPathParameters: dataPaths, continueOnStepFailure: continueOnStepFailure, totalRunSteps: 1,
            createdAt: now, modifiedAt: now, etag: EmulatedPipeline.newETag())
    }

    private static func declaredParameters(_ raw: JSONValue?) throws(AzureError) -> [DeclaredParameter] {
        guard let raw, !raw.isNull else { return [] }
        guard let object = raw.objectValue else { throw invalid("'parameters' must be an object of name → default or spec.") }
        var result: [DeclaredParameter] = []
        for member in object.members {
            guard !member.key.isEmpty else { throw invalid("A parameter name must not be empty.") }
            result.append(try parameter(member.key, member.value))
        }
        return result
    }

    private static func parameter(_ name: String, _ spec: JSONValue) throws(AzureError) -> DeclaredParameter {
        switch spec {
        case .null:
            return DeclaredParameter(name: name, defaultValue: nil)
        case .string(let value):
            return DeclaredParameter(name: name, defaultValue: value)
        case .int, .double, .bool:
            return DeclaredParameter(name: name, type: inferredType(spec), defaultValue: spec.scalarText)
        case .array:
            throw invalid("Parameter '\(name)' must be a default value, null, or an object spec; got an array.")
        case .object(let object):
            return try typedParameter(name, object)
        }
    }

    private static func typedParameter(_ name: String, _ object: JSONObject) throws(AzureError) -> DeclaredParameter {
        let defaultRaw = object["default"] ?? .null
        var type = inferredType(defaultRaw)
        if let raw = object["type"], !raw.isNull {
            guard let text = raw.stringValue, let parsed = ParameterType.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                throw invalid("Parameter '\(name)': 'type' must be Int, Double, Bool or String.")
            }
            type = parsed
        }
        var defaultValue: String?
        if !defaultRaw.isNull {
            guard let text = defaultRaw.scalarText else { throw invalid("Parameter '\(name)': 'default' must be a scalar or null.") }
            defaultValue = text
        }
        let minimum = try number(object["min"], name, "min")
        let maximum = try number(object["max"], name, "max")
        if (minimum != nil || maximum != nil) && !type.isNumeric {
            throw invalid("Parameter '\(name)': 'min' and 'max' apply only to Int and Double parameters.")
        }
        if let minimum, let maximum, minimum > maximum { throw invalid("Parameter '\(name)': 'min' is greater than 'max'.") }
        var allowed: [String] = []
        if let raw = object["enum"], !raw.isNull {
            guard case .array(let items) = raw, !items.isEmpty else { throw invalid("Parameter '\(name)': 'enum' must be a non-empty array.") }
            for item in items {
                guard let text = item.scalarText, type.accepts(text) else {
                    throw invalid("Parameter '\(name)': enum value \(item.text) is not a \(type.rawValue).")
                }
                allowed.append(text)
            }
        }
        var documentation = try optionalString(object, "documentation")
        if documentation == nil { documentation = try optionalString(object, "description") }
        let parameter = DeclaredParameter(
            name: name, type: type, defaultValue: defaultValue, documentation: documentation,
            minimum: minimum, maximum: maximum, allowedValues: allowed)
        if let defaultValue, let problem = parameter.problem(with: defaultValue) {
            throw invalid("The default breaks the parameter's own rules: \(problem)")
        }
        return parameter
    }

    private static func declaredDataPaths(_ raw: JSONValue?) throws(AzureError) -> [DeclaredDataPathParameter] {
        guard let raw, !raw.isNull else { return [] }
        guard let object = raw.objectValue else {
            throw invalid("'data_path_parameters' must be an object of name → {DataStoreName, RelativePath} or null.")
        }
        var result: [DeclaredDataPathParameter] = []
        for member in object.members {
            guard !member.key.isEmpty else { throw invalid("A DataPath parameter name must not be empty.") }
            if member.value.isNull {
                result.append(DeclaredDataPathParameter(name: member.key, defaultValue: nil))
                continue
            }
            guard let value = DataPathValue(wire: member.value) else {
                throw invalid("DataPath parameter '\(member.key)' needs {\"DataStoreName\",\"RelativePath\"} (both non-empty) or null.")
            }
            result.append(DeclaredDataPathParameter(name: member.key, defaultValue: value))
        }
        return result
    }

    private static func inferredType(_ value: JSONValue) -> ParameterType {
        switch value {
        case .int: .int
        case .double: .double
        case .bool: .bool
        default: .string
        }
    }

    private static func number(_ raw: JSONValue?, _ name: String, _ key: String) throws(AzureError) -> Double? {
        switch raw {
        case nil, .null?: return nil
        case .int(let value)?: return Double(value)
        case .double(let value)?: return value
        default: throw invalid("Parameter '\(name)': '\(key)' must be a number.")
        }
    }

    private static func optionalString(_ object: JSONObject, _ key: String) throws(AzureError) -> String? {
        guard let raw = object[key], !raw.isNull else { return nil }
        guard let text = raw.stringValue else { throw invalid("'\(key)' must be a string.") }
        return text
    }

    private static func invalid(_ message: String) -> AzureError {
        .badRequest("InvalidPipelineSpec", message)
    }
}
