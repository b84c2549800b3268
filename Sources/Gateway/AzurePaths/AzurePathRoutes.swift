import HTTPServer

/// Azure's own submit path, served by the gateway so an existing caller (a Logic App, Data Factory,
/// a script posting to the published endpoint) only changes the host it posts to.
enum AzurePathRoutes {
    static let submitRoute = "/pipelines/v1.0/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/"
        + "Microsoft.MachineLearningServices/workspaces/{workspace}/PipelineRuns/PipelineSubmit/{pipeline_id}"

    static func register(on router: inout Router, trigger: TriggerHandler) {
        router.on(.POST, submitRoute, handler: { request in try trigger.handle(request, shape: .azure) })
    }
}
