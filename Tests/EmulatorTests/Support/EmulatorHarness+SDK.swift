import Emulator
import Foundation
import TestSupport

/// Paths and helpers for the surfaces the Azure ML SDK needs besides the pipelines service: the ARM
/// workspace, discovery, run history and artifacts.
extension EmulatorHarness {
    static let scope = AzureMLEmulator.workspaceResourcePath
    /// `{RH}`: the run-history service's workspace prefix.
    static let rh = "/history/v1.0" + scope
    /// The artifact service's workspace prefix.
    static let artifacts = "/artifact/v2.0" + scope

    var rh: String { Self.rh }

    /// A GET or POST with a fresh valid bearer token, to any path.
    func authorized(_ method: String, _ target: String, body: String? = nil) async throws -> RawHTTPResponse {
        let token = try await token()
        var headers = [("Authorization", "Bearer \(token)")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try await send(method, target, headers: headers, body: body)
    }

    /// Submits the demo pipeline under `experiment`; returns the run id.
    func submitRun(experiment: String) async throws -> String {
        let response = try await submit(#"{"ExperimentName":"\#(experiment)","RunSource":"SDK","RunType":"SDK"}"#)
        guard let id = response.json?["Id"] as? String else {
            throw HarnessError.unexpected("submit answered \(response.status): \(response.bodyText)")
        }
        return id
    }
}

extension RawHTTPResponse {
    /// `error` of a lower-case (ARM / run-history) error body.
    var lowercaseError: [String: Any]? {
        json?["error"] as? [String: Any]
    }
}
