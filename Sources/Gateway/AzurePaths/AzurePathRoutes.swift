import HTTPServer

/// Azure's own submit paths — a published pipeline's `PipelineSubmit` and a pipeline endpoint's
/// `PipelineEndpointSubmit` (with or without a version segment) — served by the gateway so an
/// existing caller (a Logic App, Data Factory, `PipelineEndpoint.submit`, a script posting to the
/// published endpoint) only changes the host it posts to.
enum AzurePathRoutes {
    static let workspaceRoute = "/pipelines/v1.0/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/"
        + "Microsoft.MachineLearningServices/workspaces/{workspace}"
    static let submitRoute = workspaceRoute + "/PipelineRuns/PipelineSubmit/{pipeline_id}"
    static let endpointSubmitRoute = workspaceRoute + "/PipelineRuns/PipelineEndpointSubmit/Id/{endpoint_id}"
    static let endpointVersionSubmitRoute = endpointSubmitRoute + "/{version}"

    /// Every trigger route on Azure's paths (an `operator` may call them).
    static let triggerRoutes = [submitRoute, endpointSubmitRoute, endpointVersionSubmitRoute]

    /// A bearer token that is not an API key (`AuthMiddleware` marks it `azureTokenPending`) is
    /// accepted when Azure accepts it for the workspace (`FacadeAuthenticator`), so a Logic App, Data
    /// Factory or an SDK script using its Azure AD identity posts unchanged while API keys are on.
    static func register(on router: inout Router, trigger: TriggerHandler, authenticator: FacadeAuthenticator) {
        for route in triggerRoutes {
            router.on(.POST, route, handler: { request in
                guard request.principal == AuthMiddleware.azureTokenPending else { return try trigger.handle(request, shape: .azure) }
                return .later {
                    var checked = request
                    checked.principal = try await authenticator.authorize(request, needs: .operator)
                    switch try trigger.handle(checked, shape: .azure) {
                    case .now(let response): return response
                    case .later(let work): return try await work()
                    }
                }
            })
        }
    }
}
