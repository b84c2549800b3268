public import HTTPServer
public import Observability

/// The gateway as one object: routes, the HTTP server, metrics and readiness, wired from a
/// `GatewayConfiguration`. Tests start it on port 0 and talk to it over loopback exactly as
/// `pipeline-gateway serve` does.
public final class GatewayApplication: Sendable {
    public let configuration: GatewayConfiguration
    public let logger: Logger
    public let metrics: MetricsRegistry
    public let readiness: Readiness
    private let server: HTTPServer

    public init(configuration: GatewayConfiguration, logger: Logger, serverConfiguration: HTTPServerConfiguration? = nil) {
        self.configuration = configuration
        self.logger = logger
        metrics = MetricsRegistry()
        readiness = Readiness()
        let responder = Self.makeRouter(metrics: metrics, readiness: readiness).buildResponder()
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
    static func makeRouter(metrics: MetricsRegistry, readiness: Readiness) -> Router {
        var router = Router()
        HealthRoutes.register(on: &router, readiness: readiness)
        MetricsRoutes.register(on: &router, registry: metrics)
        OpenAPIRoute.register(on: &router)
        return router
    }

    /// Binds and starts serving; returns the bound address (the real port when 0 was configured).
    @discardableResult
    public func start() throws(SystemError) -> SocketAddress {
        let address = try server.start()
        readiness.set("listener", .ok)
        logger.info("listening", ["address": .string(address.description), "version": .string(GatewayVersion.current)])
        if configuration.insecureNoAuth {
            logger.warning("GATEWAY_INSECURE_NO_AUTH=true: requests are not authenticated; only run this behind a proxy that authenticates")
        }
        return address
    }

    /// Graceful stop: no new connections, in-flight requests finish, then everything closes.
    public func shutdown() async {
        logger.info("shutting down", ["grace_seconds": .int(Int(server.configuration.shutdownGracePeriod.components.seconds))])
        await server.shutdown()
        logger.info("stopped")
        logger.flush()
    }

    /// `serve`: start, wait for SIGTERM or SIGINT, drain, return.
    public func run() async throws {
        try start()
        let signal = await SignalWatcher.waitForTermination()
        logger.info("signal received", ["signal": .int(Int(signal))])
        await shutdown()
    }
}
