import Foundation
import Testing
import TestSupport

/// Pipeline endpoints in the gateway's built-in emulator, for the endpoint tests.
extension GatewayHarness {
    /// Creates an endpoint over published pipelines (versions "0", "1", … in order); returns its id.
    func createEndpoint(_ json: String) async throws -> String {
        let response = try await request("POST", "/emulator/pipeline-endpoints", body: json, toEmulator: true)
        #expect(response.status == 201, "endpoint not created: \(response.bodyText)")
        return try #require(response.json?["Id"] as? String)
    }

    /// Changes an endpoint's default version or status in the emulator (`{"default_version"}`, `{"status"}`).
    func patchEndpoint(_ id: String, _ json: String) async throws {
        let response = try await request("PATCH", "/emulator/pipeline-endpoints/\(id)", body: json, toEmulator: true)
        #expect(response.status == 200, "endpoint not changed: \(response.bodyText)")
    }

    /// A pipeline with an optional Int parameter and an endpoint `ep-two` over [demo, it], default "0".
    func twoVersionEndpoint() async throws -> (endpoint: String, second: String) {
        let second = try await publish(#"{"id":"typed-pipeline","name":"typed","parameters":{"epochs":{"type":"Int","default":3,"min":1}}}"#)
        let endpoint = try await createEndpoint(
            #"{"id":"ep-two","name":"two-versions","pipelines":["\#(EndpointFixture.demoPipelineID)","\#(second)"],"default_version":"0"}"#)
        return (endpoint, second)
    }
}

enum EndpointFixture {
    static let demoPipelineID = TriggerFixture.demoPipelineID
    static let demoEndpointID = "d3e0a1b2-0000-4000-8000-000000000003"

    static func runsPath(_ endpoint: String) -> String { "/v1/pipeline-endpoints/\(endpoint)/runs" }

    /// Azure's `PipelineEndpointSubmit` path on the gateway, with an optional version segment.
    static func azurePath(_ endpoint: String, version: String? = nil) -> String {
        "/pipelines/v1.0/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulated-rg/providers/"
            + "Microsoft.MachineLearningServices/workspaces/emulated-ws/PipelineRuns/PipelineEndpointSubmit/Id/\(endpoint)"
            + (version.map { "/\($0)" } ?? "")
    }

    /// The JSON pointers of a problem+json answer (or the `Target`s of an Azure-shaped one).
    static func pointers(_ response: RawHTTPResponse) -> [String] {
        if let errors = response.json?["errors"] as? [[String: Any]] { return errors.compactMap { $0["pointer"] as? String } }
        let details = (response.json?["Error"] as? [String: Any])?["Details"] as? [[String: Any]] ?? []
        return details.compactMap { $0["Target"] as? String }
    }
}
