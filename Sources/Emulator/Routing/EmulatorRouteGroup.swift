import HTTPServer

/// The routes of one emulated surface (identity, pipelines, runs, admin; later datastore, Blob,
/// Event Grid, endpoints, schedules, ARM/discovery, run history). `AzureMLEmulator.makeRouter`
/// registers every group on one router, so a new surface is one new group in that list.
protocol EmulatorRouteGroup: Sendable {
    func register(on router: inout Router)
}
