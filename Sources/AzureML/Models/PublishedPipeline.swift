public import Foundation

/// A published pipeline as the rest of the gateway sees it: plain values, no wire encodings.
public struct PublishedPipeline: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String?
    public var version: String?
    public var status: PipelineStatus
    /// Azure's REST submit endpoint for this pipeline (`Url`), or the standard path built from the
    /// workspace when the service did not send one.
    public var endpoint: URL
    /// The graph whose interface declares the parameters; nil if the service did not say.
    public var graphID: String?
    /// Default values of the ordinary parameters, by name.
    public var parameterDefaults: [String: String]
    /// Nil when unknown (including the service's `1970-01-01T00:00:00` "unset" sentinel).
    public var createdAt: Date?

    public init(
        id: String, name: String, description: String? = nil, version: String? = nil, status: PipelineStatus,
        endpoint: URL, graphID: String? = nil, parameterDefaults: [String: String] = [:], createdAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.version = version
        self.status = status
        self.endpoint = endpoint
        self.graphID = graphID
        self.parameterDefaults = parameterDefaults
        self.createdAt = createdAt
    }
}
