import AzureML
import Foundation
public import HTTPServer
public import Observability
import Synchronization

/// The gateway as one object: routes, the HTTP server, metrics and readiness, wired from a
/// `GatewayConfiguration`. Tests start it on port 0 and talk to it over loopback exactly as
/// `pipeline-gateway serve` does.
public final class GatewayApplication: Sendable {
    public let configuration: GatewayConfiguration
    public let logger: Logger
    public let metrics: MetricsRegistry
    public let readiness: Readiness
    public let backend: AzureMLBackend
    private let server: HTTPServer
    private let environment: [String: String]
    private let probe = Mutex<Task<Void, Never>?>(nil)

    public init(
        configuration: GatewayConfiguration, logger: Logger, serverConfiguration: HTTPServerConfiguration? = nil,
        environment: [String: String]? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        self.environment = environment ?? ProcessInfo.processInfo.environment
        metrics = MetricsRegistry()
        readiness = Readiness()
        backend = AzureMLBackend(configuration: configuration.backend, logger: logger, metrics: metrics)
        var router = Self.makeRouter(metrics: metrics, readiness: readiness, backend: backend)
        router.add(middleware: AuthMiddleware(ring: configuration.apiKeys))
        let responder = router.buildResponder()
        let observers: [any HTTPExchangeObserver] = [
            AccessLogObserver(logger: logger.with(["component": "access"])),
            HTTPMetricsObserver(registry: metrics),
        ]
        server = HTTPServer(
            configuration: serverConfiguration ?? HTTPServerConfiguration(address: configuration.listen, eventLoops: configuration.eventLoops),
            responder: responder, observers: observers)
        let server = server
        metrics.gauge("http_open_connections", help: "Client connections currently open.") { Double(server.openConnections) }
    }

    /// Every route the gateway serves; the router answers 404/405/OPTIONS itself.
    static func makeRouter(metrics: MetricsRegistry, readiness: Readiness, backend: AzureMLBackend) -> Router {
        var router = Router()
        HealthRoutes.register(on: &router, readiness: readiness)
        MetricsRoutes.register(on: &router, registry: metrics)
        OpenAPIRoute.register(on: &router)
        PipelineRoutes.register(on: &router, backend: backend)
        return router
    }

    /// Starts the Azure ML backend (the emulator, when no workspace is configured), then binds and
    /// serves; returns the bound address (the real port when 0 was configured).
    @discardableResult
    public func start() throws -> SocketAddress {
        readiness.set("azureml", .failing("not checked yet"))
        try backend.start(environment: environment)
        let address = try server.start()
        readiness.set("listener", .ok)
        startReadinessProbe()
        logger.info("listening", ["address": .string(address.description), "version": .string(GatewayVersion.current)])
        if configuration.insecureNoAuth {
            logger.warning("GATEWAY_INSECURE_NO_AUTH=true: requests are not authenticated; only run this behind a proxy that authenticates")
        }
        return address
    }

    /// Graceful stop: no new connections, in-flight requests finish, then everything closes.
    public func shutdown() async {
        logger.info("shutting down", ["grace_seconds": .int(Int(server.configuration.shutdownGracePeriod.components.seconds))])
        probe.withLock { $0?.cancel() }
        await server.shutdown()
        await backend.shutdown()
        logger.info("stopped")
        logger.flush()
    }

    /// Checks in the background that Azure ML answers with a token the gateway obtained, so `/readyz`
    /// answers at once: every 10 s while healthy, every 2 s while not.
    private func startReadinessProbe() {
        let backend = backend
        let readiness = readiness
        let logger = logger
        let task = Task {
            var lastFailure: String?
            while !Task.isCancelled {
                var healthy = false
                do {
                    _ = try await backend.client().listPipelines(activeOnly: true)
                    readiness.set("azureml", .ok)
                    if lastFailure != nil { logger.info("Azure ML reachable again") }
                    lastFailure = nil
                    healthy = true
                } catch let error as AzureMLError {
                    let reason = "\(error.code.rawValue): \(error.message)"
                    readiness.set("azureml", .failing(reason))
                    if lastFailure != reason { logger.warning("Azure ML not reachable", ["reason": .string(reason)]) }
                    lastFailure = reason
                } catch {
                    readiness.set("azureml", .failing("\(error)"))
                }
                try? await Task.sleep(for: healthy ? .seconds(10) : .seconds(2))
            }
        }
        probe.withLock { $0 = task }
    }

    /// `serve`: start, wait for SIGTERM or SIGINT, drain, return.
    public func run() async throws {
        try start()
        let signal = await SignalWatcher.waitForTermination()
        logger.info("signal received", ["signal": .int(Int(signal))])
        await shutdown()
    }
}
