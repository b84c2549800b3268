import Foundation

/// The pipeline a fresh emulator starts with, shaped like `MyRestPipeline` of Microsoft's Logic App
/// example: a String parameter and a DataPath parameter on `workspaceblobstore`, and a pipeline
/// endpoint in front of it (version "0", the default). Their ids are fixed, so a gateway that stored
/// schedules against them still finds them after the emulator restarts.
enum DemoPipeline {
    static let id = "d3e0a1b2-0000-4000-8000-000000000001"
    static let graphID = "d3e0a1b2-0000-4000-8000-000000000002"
    static let name = "MyRestPipeline"
    static let datastore = "workspaceblobstore"
    static let endpointID = "d3e0a1b2-0000-4000-8000-000000000003"
    static let endpointName = "MyRestPipelineEndpoint"

    static func makeEndpoint(now: Date) -> EmulatedPipelineEndpoint {
        EmulatedPipelineEndpoint(
            id: endpointID, name: endpointName, description: "Demo pipeline endpoint seeded by the Azure ML emulator.", defaultVersion: "0",
            versions: [.init(version: "0", pipelineID: id)], status: .active, tags: [:], properties: [:], createdAt: now, modifiedAt: now,
            etag: EmulatedPipeline.newETag())
    }

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
