public import Foundation
public import Observability

/// The gateway's only way to talk to the Azure ML pipelines service (or the emulator, which speaks the
/// same REST surface).
///
/// Every call gets a bearer token for `configuration.scope` from a `TokenCache`, carries an
/// `x-ms-client-request-id`, is bounded by a deadline, retried by `RetryPolicy` (a submit only when it
/// certainly did not reach Azure), and passes through a `CircuitBreaker`. A 401 refreshes the token
/// once and retries once. Failures are `AzureMLError`s carrying Azure's code and message.
///
/// Paths are `{baseURL}/pipelines/v1.0/subscriptions/{s}/resourceGroups/{g}/providers/
/// Microsoft.MachineLearningServices/workspaces/{w}/…`, with the SDK's headers and body encodings.
public final class AzureMLClient: Sendable {
    public let workspace: WorkspaceReference
    /// The pipelines service base (`https://{region}.api.azureml.ms`, or the emulator's address).
    public let baseURL: URL
    public let configuration: AzureMLClientConfiguration

    let tokens: TokenCache
    let transport: HTTPTransport
    let breaker: CircuitBreaker
    let logger: Logger
    let metrics: AzureMLMetrics?
    let clock: AzureMLClock
    let random: @Sendable () -> Double

    /// - Parameters:
    ///   - credential: Wrapped in a `TokenCache` unless it already is one.
    ///   - metrics: Where to record `azureml_*` metrics, if anywhere.
    ///   - transport: The HTTP client (one libcurl thread and connection pool); share one per process.
    ///   - clock: Time sources; tests inject one whose `sleep` returns at once.
    ///   - random: Uniform values in `0...1` for backoff jitter.
    public init(
        workspace: WorkspaceReference,
        baseURL: URL,
        credential: any TokenCredential,
        configuration: AzureMLClientConfiguration = AzureMLClientConfiguration(),
        logger: Logger = Logger(),
        metrics: MetricsRegistry? = nil,
        transport: HTTPTransport = HTTPTransport(),
        clock: AzureMLClock = .system,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.workspace = workspace
        self.baseURL = baseURL
        self.configuration = configuration
        tokens = credential as? TokenCache ?? TokenCache(wrapping: credential, metrics: metrics, now: clock.wallClock)
        self.transport = transport
        breaker = CircuitBreaker(
            failureThreshold: configuration.breakerThreshold, cooldown: configuration.breakerCooldown, now: clock.now
        )
        self.logger = logger
        self.metrics = metrics.map(AzureMLMetrics.init(registry:))
        self.clock = clock
        self.random = random
    }

    /// The circuit breaker's state, for readiness reporting.
    public var circuitState: CircuitBreaker.State {
        breaker.currentState
    }

    /// `{baseURL}/pipelines/v1.0/{workspace scope}/{segments…}?{query}`.
    func workspaceURL(_ segments: [String], query: [(String, String)] = [], operation: String) throws(AzureMLError) -> URL {
        try RequestPath.url(
            base: baseURL,
            segments: ["pipelines", "v1.0"] + workspace.scopeSegments + segments,
            query: query,
            operation: operation
        )
    }

    /// The REST submit endpoint of a pipeline, used when the service does not send one (`Url`).
    func submitEndpoint(pipelineID: String) -> URL? {
        try? workspaceURL(["PipelineRuns", "PipelineSubmit", pipelineID], operation: AzureMLOperation.getPipeline.name)
    }
}
