import Foundation
import JSON

/// Reads the answer to a submit — a whole PipelineRun entity, ~1 KB — for the few fields the gateway
/// uses (`Id`, `PipelineId`, `RunHistoryExperimentName`, `Status.StatusCode`/`StatusDetail`, `tags`)
/// with the JSON module's parser instead of `JSONDecoder`, which was an eighth of a forwarded
/// trigger's CPU.
///
/// Only plain shapes are read here; anything else (a field of an unexpected type, a tag that is not a
/// string) returns nil and the caller decodes with the Codable entity, so the lenient rules live in
/// one place.
enum SubmitAnswer {
    static let parser = JSONParser()

    static func run(from body: Data) -> PipelineRun? {
        guard let root = try? parser.parse(Array(body)), root.objectMembers != nil else { return nil }
        guard let id = root["Id"]?.stringValue, !id.isEmpty else { return nil }
        guard let pipelineID = optionalString(root["PipelineId"]),
            let experimentName = optionalString(root["RunHistoryExperimentName"])
        else { return nil }
        var status = RunStatusCode.notStarted
        var statusDetail: String?
        var creationTime: AzureTimestamp?
        var endTime: AzureTimestamp?
        guard let createdDate = optionalTimestamp(root["CreatedDate"]) else { return nil }
        if let node = root["Status"], !node.isNull {
            guard node.objectMembers != nil, let detail = optionalString(node["StatusDetail"]),
                let created = optionalTimestamp(node["CreationTime"]), let ended = optionalTimestamp(node["EndTime"])
            else { return nil }
            statusDetail = detail
            creationTime = created
            endTime = ended
            switch node["StatusCode"] {
            case .none, .some(.null):
                break
            case .some(.number(let literal)):
                guard let code = Int(literal) else { return nil }
                status = RunStatusCode(wireCode: code)
            case .some(.string(let text)):
                status = RunStatusCode(wireText: text)
            case .some:
                return nil
            }
        }
        var tags: [String: String] = [:]
        if let node = root["tags"], !node.isNull {
            guard let members = node.objectMembers else { return nil }
            for member in members {
                guard let value = member.value.stringValue else { return nil }
                tags[member.key] = value
            }
        }
        return PipelineRun(
            id: id, pipelineID: pipelineID ?? nil, experimentName: experimentName ?? nil, status: status.name,
            statusDetail: statusDetail ?? nil, createdAt: creationTime.meaningful ?? createdDate.meaningful, endedAt: endTime.meaningful,
            tags: tags)
    }

    /// Like `optionalString`, for Azure's date-times: an unparsable one is left to the entity.
    private static func optionalTimestamp(_ node: JSONNode?) -> AzureTimestamp?? {
        switch node {
        case .none, .some(.null): return .some(nil)
        case .some(.string(let text)):
            guard let timestamp = AzureTimestamp(parsing: text) else { return nil }
            return .some(timestamp)
        case .some: return nil
        }
    }

    /// `.some(nil)` for absent or null, `.some(text)` for a string, nil (unreadable here) otherwise.
    private static func optionalString(_ node: JSONNode?) -> String?? {
        switch node {
        case .none, .some(.null): .some(nil)
        case .some(.string(let text)): .some(text)
        case .some: nil
        }
    }
}
