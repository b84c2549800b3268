import HTTPServer

/// `POST /v1/imports` (admin: it changes schedules in Azure as well as in the gateway). The answer is
/// 200 with one row per Azure schedule even when rows failed: the table is the result, and the CLI
/// decides its exit status from it.
struct ImportRoutes: Sendable {
    let importer: ScheduleImporter

    func register(on router: inout Router) {
        let routes = self
        router.on(.POST, "/v1/imports", async: { request in try await routes.create(request) })
    }

    func create(_ request: HTTPRequest) async throws -> HTTPResponse {
        try TriggerHandler.checkContentType(request)
        let parsed = try ImportRequest.parse(request.body).get()
        let report = try await importer.run(parsed, by: ScheduleActor(request))
        return try JSONResponse.make(.ok, report)
    }
}
