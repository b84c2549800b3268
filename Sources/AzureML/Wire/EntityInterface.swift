/// The declared interface of a pipeline graph (`GET {WS}/Graphs/{graphId}/Interface`): which
/// parameters a submit may assign, their types, defaults and rules.
///
/// Only the parts the gateway validates against are modelled; `MetadataParameters`,
/// `DataPathParameterList` and `Ports` are ignored.
public struct EntityInterface: Sendable, Hashable, Codable {
    public var parameters: [InterfaceParameter]?
    public var dataPathParameters: [InterfaceDataPathParameter]?

    public init(parameters: [InterfaceParameter]? = nil, dataPathParameters: [InterfaceDataPathParameter]? = nil) {
        self.parameters = parameters
        self.dataPathParameters = dataPathParameters
    }

    enum CodingKeys: String, CodingKey {
        case parameters = "Parameters"
        case dataPathParameters = "DataPathParameters"
    }
}
