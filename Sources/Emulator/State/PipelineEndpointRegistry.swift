import Foundation
import Synchronization

/// The pipeline endpoints, in memory, in creation order. Names are unique as in Azure (the SDK
/// looks endpoints up by name), ids are unique, and each change is applied under the lock whole.
final class PipelineEndpointRegistry: Sendable {
    private struct State {
        var endpoints: [String: EmulatedPipelineEndpoint] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())

    /// Why an endpoint could not be added.
    enum Clash: Error, Equatable {
        case id
        case name
    }

    /// Adds `endpoint`; refused when its id or its name (ignoring case) is taken.
    func add(_ endpoint: EmulatedPipelineEndpoint) throws(Clash) {
        try state.withLock { state throws(Clash) in
            guard state.endpoints[endpoint.id] == nil else { throw .id }
            let lowered = endpoint.name.lowercased()
            guard !state.endpoints.values.contains(where: { $0.name.lowercased() == lowered }) else { throw .name }
            state.endpoints[endpoint.id] = endpoint
            state.order.append(endpoint.id)
        }
    }

    func endpoint(id: String) -> EmulatedPipelineEndpoint? {
        state.withLock { $0.endpoints[id] }
    }

    /// By name, ignoring case as Azure resource names compare.
    func endpoint(name: String) -> EmulatedPipelineEndpoint? {
        let lowered = name.lowercased()
        return state.withLock { state in
            state.order.compactMap { state.endpoints[$0] }.first { $0.name.lowercased() == lowered }
        }
    }

    /// Every endpoint, oldest first.
    func endpoints() -> [EmulatedPipelineEndpoint] {
        state.withLock { state in state.order.compactMap { state.endpoints[$0] } }
    }

    /// Applies `change` to the endpoint (which may refuse it by throwing); the stored result, or nil
    /// when there is no such endpoint. A rename onto another endpoint's name is refused.
    func update(
        id: String, _ change: (inout EmulatedPipelineEndpoint) throws(AzureError) -> Void
    ) throws(AzureError) -> EmulatedPipelineEndpoint? {
        let result: Result<EmulatedPipelineEndpoint?, AzureError> = state.withLock { state in
            guard var endpoint = state.endpoints[id] else { return .success(nil) }
            do throws(AzureError) {
                try change(&endpoint)
            } catch {
                return .failure(error)
            }
            let lowered = endpoint.name.lowercased()
            if state.endpoints.values.contains(where: { $0.id != id && $0.name.lowercased() == lowered }) {
                return .failure(AzureError(
                    status: .conflict, code: "PipelineEndpointNameExists", message: "Another pipeline endpoint is named '\(endpoint.name)'."))
            }
            state.endpoints[id] = endpoint
            return .success(endpoint)
        }
        return try result.get()
    }
}
