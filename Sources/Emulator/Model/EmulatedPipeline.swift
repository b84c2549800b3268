import Foundation

/// A published pipeline held by the emulator, with the graph interface it was published with.
struct EmulatedPipeline: Sendable {
    var id: String
    var graphID: String
    var name: String
    var description: String?
    var version: String?
    var status: EntityStatus
    var parameters: [DeclaredParameter]
    var dataPathParameters: [DeclaredDataPathParameter]
    var continueOnStepFailure: Bool
    var totalRunSteps: Int
    var createdAt: Date
    var modifiedAt: Date
    var etag: String

    /// The submit endpoint, which clients POST to verbatim (`PublishedPipeline.endpoint`).
    func url(_ style: WireStyle) -> String {
        style.baseURL + WorkspaceScope.pipelinesPrefix + "/PipelineRuns/PipelineSubmit/" + id
    }

    func parameter(named name: String) -> DeclaredParameter? {
        parameters.first { $0.name == name }
    }

    func dataPathParameter(named name: String) -> DeclaredDataPathParameter? {
        dataPathParameters.first { $0.name == name }
    }

    /// `PipelineEntity`.
    func wire(_ style: WireStyle) -> JSONValue {
        var defaults: [String: String] = [:]
        for parameter in parameters {
            if let value = parameter.defaultValue { defaults[parameter.name] = value }
        }
        var dataSets = JSONObject()
        for parameter in dataPathParameters.sorted(by: { $0.name < $1.name }) {
            if let value = parameter.defaultValue { dataSets.set(parameter.name, .object(["LiteralValue": value.wire])) }
        }
        return .object([
            "Id": .string(id),
            "Name": .string(name),
            "Description": .string(description),
            "Version": .string(version),
            "Url": .string(url(style)),
            "GraphId": .string(graphID),
            "TotalRunSteps": .int(totalRunSteps),
            "ParameterAssignments": .object(.strings(defaults)),
            "DataSetDefinitionValueAssignments": .object(dataSets),
            "ContinueRunOnStepFailure": .bool(continueOnStepFailure),
            "EnableNotification": .bool(false),
            "Properties": .object([:]),
            "EntityStatus": style.encode(status),
            "Etag": .string(etag),
            "CreatedDate": .string(AzureTimestamp.format(createdAt)),
            "LastModifiedDate": .string(AzureTimestamp.format(modifiedAt)),
        ])
    }

    /// `EntityInterface` of the pipeline's graph.
    var interfaceWire: JSONValue {
        .object([
            "Parameters": .array(parameters.map(\.wire)),
            "MetadataParameters": .array([]),
            "DataPathParameters": .array(dataPathParameters.map(\.wire)),
            "DataPathParameterList": .array(dataPathParameters.map(\.definitionWire)),
            "Ports": .object(["Inputs": .array([]), "Outputs": .array([]), "ControlOutputs": .array([])]),
        ])
    }

    /// A fresh quoted ETag (the quotes are part of the JSON string, as Azure sends them).
    static func newETag() -> String {
        "\"\(UUID().uuidString.lowercased())\""
    }
}
