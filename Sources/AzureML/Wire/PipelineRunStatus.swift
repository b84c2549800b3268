/// The `Status` object of a pipeline run entity:
/// `{"StatusCode", "StatusDetail", "CreationTime", "EndTime"}`.
public struct PipelineRunStatus: Sendable, Hashable, Codable {
    /// Nil when the service left it out; the SDK reads a missing status as `NotStarted`.
    public var statusCode: RunStatusCode?
    public var statusDetail: String?
    public var creationTime: AzureTimestamp?
    public var endTime: AzureTimestamp?

    public init(
        statusCode: RunStatusCode? = nil, statusDetail: String? = nil,
        creationTime: AzureTimestamp? = nil, endTime: AzureTimestamp? = nil
    ) {
        self.statusCode = statusCode
        self.statusDetail = statusDetail
        self.creationTime = creationTime
        self.endTime = endTime
    }

    enum CodingKeys: String, CodingKey {
        case statusCode = "StatusCode"
        case statusDetail = "StatusDetail"
        case creationTime = "CreationTime"
        case endTime = "EndTime"
    }
}
