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

    static func register(on router: inout Router, trigger: TriggerHandler) {
        for route in triggerRoutes {
            router.on(.POST, route, handler: { request in try trigger.handle(request, shape: .azure) })
        }
    }
}
