/// Which Azure ML workspace the client talks to (`AZUREML_SUBSCRIPTION_ID`, `AZUREML_RESOURCE_GROUP`,
/// `AZUREML_WORKSPACE`).
public struct WorkspaceReference: Sendable, Hashable {
    public var subscriptionID: String
    public var resourceGroup: String
    public var workspaceName: String

    public init(subscriptionID: String, resourceGroup: String, workspaceName: String) {
        self.subscriptionID = subscriptionID
        self.resourceGroup = resourceGroup
        self.workspaceName = workspaceName
    }

    /// The path segments of the workspace scope, after `/pipelines/v1.0`.
    public var scopeSegments: [String] {
        [
            "subscriptions", subscriptionID, "resourceGroups", resourceGroup,
            "providers", "Microsoft.MachineLearningServices", "workspaces", workspaceName,
        ]
    }
}
