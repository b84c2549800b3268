import HTTPServer

/// The one workspace the emulator serves, and the path prefix every workspace-scoped service
/// repeats (`/subscriptions/{s}/resourceGroups/{g}/providers/…/workspaces/{w}`).
enum WorkspaceScope {
    static let subscriptionID = "00000000-0000-0000-0000-000000000000"
    static let resourceGroup = "emulated-rg"
    static let workspaceName = "emulated-ws"
    static let tenantID = "00000000-0000-0000-0000-0000000000aa"

    /// The ARM resource path of the workspace.
    static let resourcePath =
        "/subscriptions/\(subscriptionID)/resourceGroups/\(resourceGroup)/providers/Microsoft.MachineLearningServices/workspaces/\(workspaceName)"

    /// `{WS}` of the pipelines service, as clients build URLs with it.
    static let pipelinesPrefix = "/pipelines/v1.0" + resourcePath

    /// The same scope as a route template. Later services (datastore, run history, ARM) repeat it
    /// under their own first segment with these same parameter names.
    static let routeScope =
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/{workspaceName}"

    static let pipelinesRoute = "/pipelines/v1.0" + routeScope

    /// A request for another subscription, group or workspace gets Azure's 404 naming the part
    /// that does not exist. Names compare ignoring case, as Azure resource names do.
    static func check(_ request: HTTPRequest) throws(AzureError) {
        let subscription = request.pathParameters["subscriptionId"] ?? ""
        let group = request.pathParameters["resourceGroupName"] ?? ""
        let workspace = request.pathParameters["workspaceName"] ?? ""
        guard subscription.lowercased() == subscriptionID.lowercased() else {
            throw .notFound("SubscriptionNotFound", "The subscription '\(subscription)' could not be found.")
        }
        guard group.lowercased() == resourceGroup.lowercased() else {
            throw .notFound("ResourceGroupNotFound", "Resource group '\(group)' could not be found.")
        }
        guard workspace.lowercased() == workspaceName.lowercased() else {
            throw .notFound(
                "WorkspaceNotFound",
                "Workspace '\(workspace)' could not be found in resource group '\(group)'.")
        }
    }
}
