import Foundation

/// The pipeline a fresh emulator starts with, shaped like `MyRestPipeline` of Microsoft's Logic App
/// example: a String parameter and a DataPath parameter on `workspaceblobstore`. Its ids are fixed,
/// so a gateway that stored schedules against it still finds it after the emulator restarts.
enum DemoPipeline {
    static let id = "d3e0a1b2-0000-4000-8000-000000000001"
    static let graphID = "d3e0a1b2-0000-4000-8000-000000000002"
    static let name = "MyRestPipeline"
    static let datastore = "workspaceblobstore"

    static func make(now: Date) -> EmulatedPipeline {
        EmulatedPipeline(
            id: id, graphID: graphID, name: name,
            description: "Demo published pipeline seeded by the Azure ML emulator.", version: "1", status: .active,
            parameters: [
                DeclaredParameter(name: "input_string", defaultValue: "default_input", documentation: "A string passed to the first step.")
            ],
            dataPathParameters: [
                DeclaredDataPathParameter(
                    name: "input_datapath", defaultValue: DataPathValue(dataStoreName: datastore, relativePath: "input/sample.csv"),
                    documentation: "The input file on the datastore.")
            ],
            continueOnStepFailure: false, totalRunSteps: 1, createdAt: now, modifiedAt: now, etag: EmulatedPipeline.newETag())
    }
}
