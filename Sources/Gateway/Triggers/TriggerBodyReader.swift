import JSON

/// The shape rules (DESIGN "Trigger validation"), applied in one pass over a parsed body's members
/// in document order, collecting every problem rather than stopping at the first.
///
/// `null` for an optional field means "not given" (Azure's binder and the emulator read it so);
/// for `ExperimentName` it means missing.
///
/// Locations are passed as closures that build the JSON pointer only when a problem is reported:
/// valid bodies (the hot path) never pay for pointer strings.
struct TriggerBodyReader {
    typealias Location = () -> JSONPointer

    private(set) var problems: [TriggerProblem] = []

    private var experimentName: String?
    private var body = TriggerBody(experimentName: "")

    /// The body, or nil when any problem was found (they are in `problems`).
    mutating func read(_ members: [JSONMember]) -> TriggerBody? {
        var seen = [JSONMember?](repeating: nil, count: TriggerField.allCases.count)
        var sawExperimentName = false
        for member in members {
            func pointer() -> JSONPointer { JSONPointer.root.appending(member.key) }
            guard let field = TriggerField(matching: member.key) else {
                let hint = NameSuggestion.hint(for: member.key, among: TriggerField.allCases.map(\.wireName))
                report(pointer(), "Unknown key \(TriggerProblem.quoted(member.key))\(hint). Accepted keys (in any letter case, as "
                    + "Azure binds them): \(TriggerField.acceptedList).")
                continue
            }
            if let first = seen[field.rawValue] {
                reportRepeat(of: member, first: first, at: pointer)
                continue
            }
            seen[field.rawValue] = member
            if !member.key.utf8Equals(field.wireName) { body.writtenKeys[field] = member.key }
            if field == .experimentName { sawExperimentName = true }
            read(member.value, as: field, at: pointer)
        }
        if !sawExperimentName {
            report(JSONPointer.root.appending(TriggerField.experimentName.wireName),
                   "ExperimentName is required: the Azure ML experiment the run is recorded under.")
        }
        guard problems.isEmpty, let experimentName else { return nil }
        body.experimentName = experimentName
        return body
    }

    private mutating func reportRepeat(of member: JSONMember, first: JSONMember, at pointer: Location) {
        if member.key.utf8Equals(first.key) {
            report(pointer(), "Key \(TriggerProblem.quoted(member.key)) appears more than once; send it once.")
        } else {
            report(pointer(), "Keys \(TriggerProblem.quoted(first.key)) and \(TriggerProblem.quoted(member.key)) name the same field "
                + "(keys are matched ignoring case, as Azure does); send it once.")
        }
    }

    private mutating func read(_ value: JSONNode, as field: TriggerField, at pointer: Location) {
        switch field {
        case .experimentName:
            guard case .string(let name) = value else {
                report(pointer(), value.isNull ? "ExperimentName is required: the Azure ML experiment the run is recorded under."
                    : "ExperimentName must be a string; got \(TriggerProblem.kind(of: value)).")
                return
            }
            if let problem = ExperimentNameRule.problem(with: name) {
                report(pointer(), problem)
            } else {
                experimentName = name
            }
        case .description:
            body.description = optionalString(value, field, at: pointer)
        case .runSource:
            body.runSource = optionalString(value, field, at: pointer) ?? TriggerBody.defaultRunSource
        case .runType:
            body.runType = runType(value, at: pointer)
        case .parameterAssignments:
            body.parameterAssignments = scalarMap(value, field, at: pointer, noun: "Parameter") ?? []
        case .dataPathAssignments:
            body.dataPathAssignments = dataPathMap(value, at: pointer)
        case .dataSetDefinitionValueAssignments:
            body.dataSetDefinitionValueAssignments = dataSetAssignments(value, at: pointer)
        case .continueRunOnStepFailure:
            body.continueRunOnStepFailure = optionalBool(value, field, at: pointer)
        case .enableNotification:
            body.enableNotification = optionalBool(value, field, at: pointer)
        case .tags:
            // A `gateway_run_id` the caller sends (e.g. a body the gateway forwarded before, read back
            // for a retry) is kept here and replaced by `azureBody(gatewayRunID:)`.
            body.tags = scalarMap(value, field, at: pointer, noun: "Tag") ?? []
        case .properties:
            body.properties = scalarMap(value, field, at: pointer, noun: "Property")
        }
    }

    // MARK: Scalars

    private mutating func optionalString(_ value: JSONNode, _ field: TriggerField, at pointer: Location) -> String? {
        switch value {
        case .string(let text): return text
        case .null: return nil
        default:
            report(pointer(), "\(field.wireName) must be a string; got \(TriggerProblem.kind(of: value)).")
            return nil
        }
    }

    private mutating func optionalBool(_ value: JSONNode, _ field: TriggerField, at pointer: Location) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .null: return nil
        default:
            report(pointer(), "\(field.wireName) must be true or false; got \(TriggerProblem.kind(of: value)).")
            return nil
        }
    }

    /// Azure's run types; the service binds the names ignoring case and also the codes 0–3.
    static let runTypes = ["HTTP", "SDK", "Schedule", "Portal"]

    private mutating func runType(_ value: JSONNode, at pointer: Location) -> String? {
        let text: String
        switch value {
        case .null: return nil
        case .string(let given): text = given
        case .number(let literal): text = literal
        default:
            report(pointer(), "RunType must be a string (\(Self.runTypes.joined(separator: ", "))); got \(TriggerProblem.kind(of: value)).")
            return nil
        }
        if let code = Int(text), Self.runTypes.indices.contains(code) { return Self.runTypes[code] }
        if case .string = value, let name = Self.runTypes.first(where: { $0.lowercased() == text.lowercased() }) { return name }
        report(pointer(), "RunType must be one of \(Self.runTypes.joined(separator: ", ")) (or 0–3); got \(TriggerProblem.quoted(text)).")
        return nil
    }

    // MARK: Maps

    /// The members of an optional object field, with repeated keys reported; nil when absent or not
    /// an object (reported).
    private mutating func objectMembers(_ value: JSONNode, _ name: String, at pointer: Location, shape: String) -> [JSONMember]? {
        switch value {
        case .null: return nil
        case .object(let members):
            for index in members.repeatedKeyIndices() {
                report(pointer().appending(members[index].key),
                       "\(TriggerProblem.quoted(members[index].key)) appears more than once in \(name); send it once.")
            }
            return members
        default:
            report(pointer(), "\(name) must be an object of \(shape); got \(TriggerProblem.kind(of: value)).")
            return nil
        }
    }

    /// `ParameterAssignments`, `tags`, `Properties`: names to strings, numbers or booleans, kept as
    /// the strings the SDK sends (Azure's service stringifies JSON scalars the same way).
    private mutating func scalarMap(_ value: JSONNode, _ field: TriggerField, at pointer: Location, noun: String) -> [TriggerBody.Entry]? {
        guard let members = objectMembers(value, field.wireName, at: pointer, shape: "name → string, number or boolean") else { return nil }
        var entries: [TriggerBody.Entry] = []
        entries.reserveCapacity(members.count)
        for member in members {
            guard let text = member.value.sdkText else {
                report(pointer().appending(member.key), "\(noun) \(TriggerProblem.quoted(member.key)) must be a string, number or boolean; got "
                    + "\(TriggerProblem.kind(of: member.value)).")
                continue
            }
            entries.append(TriggerBody.Entry(name: member.key, value: text))
        }
        return entries
    }

    private mutating func dataPathMap(_ value: JSONNode, at pointer: Location) -> [TriggerBody.DataPathEntry] {
        let shape = "name → {\"DataStoreName\", \"RelativePath\"}"
        guard let members = objectMembers(value, TriggerField.dataPathAssignments.wireName, at: pointer, shape: shape) else { return [] }
        var entries: [TriggerBody.DataPathEntry] = []
        entries.reserveCapacity(members.count)
        for member in members {
            guard let dataPath = dataPath(member.value, named: "DataPath \(TriggerProblem.quoted(member.key))", at: { pointer().appending(member.key) }, allowingOtherKeys: false) else {
                continue
            }
            entries.append(TriggerBody.DataPathEntry(name: member.key, dataStoreName: dataPath.store, relativePath: dataPath.path))
        }
        return entries
    }

    /// A `{"DataStoreName","RelativePath"}` object: both non-empty strings, the path relative and
    /// inside the datastore. `allowingOtherKeys` for the richer `DataPath` of dataset literals.
    private mutating func dataPath(
        _ value: JSONNode, named name: @autoclosure () -> String, at pointer: Location, allowingOtherKeys: Bool
    ) -> (store: String, path: String)? {
        guard case .object(let members) = value else {
            report(pointer(), "\(name()) must be an object {\"DataStoreName\": …, \"RelativePath\": …}; got \(TriggerProblem.kind(of: value)).")
            return nil
        }
        var storeMember: JSONMember?
        var pathMember: JSONMember?
        var valid = true
        for member in members {
            func memberPointer() -> JSONPointer { pointer().appending(member.key) }
            guard let key = DataPathKey(matching: member.key) else {
                if !allowingOtherKeys {
                    let hint = NameSuggestion.hint(for: member.key, among: DataPathKey.allCases.map(\.wireName))
                    report(memberPointer(), "Unknown key \(TriggerProblem.quoted(member.key)) in \(name())\(hint). Accepted keys: \(DataPathKey.acceptedList).")
                    valid = false
                }
                continue
            }
            let first = key == .dataStoreName ? storeMember : pathMember
            if let first {
                reportRepeat(of: member, first: first, at: memberPointer)
                valid = false
            } else if key == .dataStoreName {
                storeMember = member
            } else {
                pathMember = member
            }
        }
        let store = dataPathText(storeMember, .dataStoreName, named: name(), at: pointer)
        let path = dataPathText(pathMember, .relativePath, named: name(), at: pointer)
        guard valid, let store, let path else { return nil }
        return (store, path)
    }

    /// One DataPath member's text, checked: present, a string, non-empty, and for `RelativePath`
    /// relative and inside the datastore.
    private mutating func dataPathText(
        _ member: JSONMember?, _ key: DataPathKey, named name: @autoclosure () -> String, at pointer: Location
    ) -> String? {
        guard let member else {
            report(pointer().appending(key.wireName), "\(name()) needs \(key.wireName).")
            return nil
        }
        guard case .string(let text) = member.value else {
            report(pointer().appending(member.key), "\(key.wireName) must be a string; got \(TriggerProblem.kind(of: member.value)).")
            return nil
        }
        let problem = key == .relativePath
            ? RelativePathRule.problem(with: text, field: key.wireName)
            : (text.isEmpty ? "\(key.wireName) must not be empty." : nil)
        if let problem {
            report(pointer().appending(member.key), problem)
            return nil
        }
        return text
    }

    /// Passed through untouched, but it must be an object of objects without repeated keys, and a
    /// `LiteralValue` data path must be a valid DataPath (the emulator and Azure bind it as one).
    private mutating func dataSetAssignments(_ value: JSONNode, at pointer: Location) -> JSONNode? {
        let name = TriggerField.dataSetDefinitionValueAssignments.wireName
        guard let members = objectMembers(value, name, at: pointer, shape: "name → dataset value object") else { return nil }
        for member in members {
            func memberPointer() -> JSONPointer { pointer().appending(member.key) }
            switch member.value {
            case .null:
                continue
            case .object(let fields):
                for repeated in member.value.duplicateKeyPointers(under: memberPointer()) {
                    report(repeated, "This key appears more than once in its object; send it once.")
                }
                if let literal = fields.first(where: { ASCIICase.equalIgnoringCase($0.key, Self.literalValueKey) }), !literal.value.isNull {
                    _ = dataPath(literal.value, named: "LiteralValue", at: { memberPointer().appending(literal.key) }, allowingOtherKeys: true)
                }
            default:
                report(memberPointer(), "Dataset assignment \(TriggerProblem.quoted(member.key)) must be an object "
                    + "(SavedDataSetReference, DataSetReference or LiteralValue); got \(TriggerProblem.kind(of: member.value)).")
            }
        }
        return value.isNull ? nil : value
    }

    static let literalValueKey = ASCIICase.lowercased("LiteralValue")

    private mutating func report(_ pointer: JSONPointer, _ detail: String) {
        problems.append(TriggerProblem(at: pointer, detail))
    }
}

extension JSONNode {
    /// A scalar as the SDK sends parameter values (Python `str()`): strings as they are, numbers as
    /// written (`1.50` stays `1.50`), booleans `True`/`False`; nil for null, arrays and objects.
    var sdkText: String? {
        switch self {
        case .string(let text): text
        case .number(let literal): literal
        case .bool(let flag): flag ? "True" : "False"
        case .null, .array, .object: nil
        }
    }
}
