import Foundation
import HTTPServer
import Observability

/// Everything the route groups share: configuration, the injected clock, and the state stores.
/// A value of references to `Sendable` stores, so handlers capture it freely.
struct EmulatorServices: Sendable {
    let configuration: EmulatorConfiguration
    let clock: @Sendable () -> Date
    let logger: Logger
    let tokens: TokenIssuer
    let registry: PipelineRegistry
    let faults: FaultInjector
    let calls: CallRecorder
    let lifecycle: EmulatorLifecycle
    /// Event Grid subscriptions to the emulated storage account, fed by Put Blob.
    let eventGrid: EventGridSubscriptions
    /// The SDK-facing stores; created here, not passed in, so `AzureMLEmulator.init` is unchanged.
    let dataTypes = DataTypeRegistry()
    let runHistory = RunHistory()
    /// Pipeline endpoints, each over published pipelines of `registry`.
    let endpoints = PipelineEndpointRegistry()
    /// v1 schedules, each over a pipeline of `registry` or an endpoint of `endpoints`.
    let schedules = ScheduleRegistry()

    /// The style answers to `request` are written in. The base URL is the configured public URL,
    /// else the bound address, else (when another server hosts `makeRouter()`) the request's `Host`.
    func style(for request: HTTPRequest) -> WireStyle {
        WireStyle(enumsAsIntegers: configuration.enumsAsIntegers, baseURL: baseURL(for: request))
    }

    func baseURL(for request: HTTPRequest) -> String {
        baseURL(host: request.headers["Host"])
    }

    /// The base URL when there may be no request to take the `Host` from (`host` nil).
    func baseURL(host: String?) -> String {
        if let configured = configuration.publicURL, !configured.isEmpty { return Self.trimmed(configured) }
        if let bound = lifecycle.baseURL { return bound }
        if let host, !host.isEmpty { return "http://\(host)" }
        return "http://127.0.0.1"
    }

    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
