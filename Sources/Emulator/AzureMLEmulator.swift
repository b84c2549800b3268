public import Foundation
public import HTTPServer
public import Observability
import Synchronization

/// A local stand-in for the Azure ML surfaces the gateway's client uses: the Azure AD and
/// managed-identity token endpoints, and the pipelines service (published pipelines, graph
/// interfaces, runs) on Azure's own paths and wire shapes, with an admin API for tests
/// (`/emulator/…`: publish pipelines, script run outcomes, inject faults, read the call log).
///
/// It shares no models with the client on purpose: its JSON is written key by key here, so a
/// client that gets a key's casing or an enum's encoding wrong fails against it, as it would
/// against Azure. Runs advance with time read from the injected clock, so tests move them without
/// sleeping.
///
///     let emulator = AzureMLEmulator(configuration: .init(), logger: logger)
///     let address = try emulator.start(listen: try SocketAddress(parsing: "127.0.0.1:0"))
///     // … point AZUREML_ENDPOINT at emulator.baseURL …
///     await emulator.shutdown()
public final class AzureMLEmulator: Sendable {
    public static let subscriptionID = WorkspaceScope.subscriptionID
    public static let resourceGroup = WorkspaceScope.resourceGroup
    public static let workspaceName = WorkspaceScope.workspaceName
    public static let tenantID = WorkspaceScope.tenantID
    /// The id of the seeded demo pipeline (`MyRestPipeline`); fixed across restarts.
    public static let demoPipelineID = DemoPipeline.id
    /// The id of the seeded demo pipeline endpoint (`MyRestPipelineEndpoint`, version "0" = the demo
    /// pipeline); fixed across restarts.
    public static let demoPipelineEndpointID = DemoPipeline.endpointID

    public let configuration: EmulatorConfiguration
    let services: EmulatorServices
    private let server = Mutex<ServerState>(.idle)

    private enum ServerState {
        case idle
        case running(HTTPServer)
        case stopped
    }

    /// - Parameters:
    ///   - configuration: Run length, enum encoding, public URL, seeding, token lifetime.
    ///   - logger: Where the emulator logs (it adds `component: emulator`).
    ///   - clock: The time every run status, token expiry and date is computed from; tests pass a
    ///     controllable one.
    public init(
        configuration: EmulatorConfiguration = EmulatorConfiguration(), logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        let logger = logger.with(["component": "emulator"])
        let calls = CallRecorder()
        services = EmulatorServices(
            configuration: configuration, clock: clock, logger: logger,
            tokens: TokenIssuer(lifetime: configuration.tokenLifetime, clock: clock), registry: PipelineRegistry(),
            faults: FaultInjector(), calls: calls, lifecycle: EmulatorLifecycle(),
            eventGrid: EventGridSubscriptions(
                logger: logger, calls: calls, clock: clock, retryDelays: configuration.eventGridRetryDelays))
        if configuration.seedDemo {
            services.registry.publish(DemoPipeline.make(now: clock()))
            // A fresh registry holds no endpoint, so the demo's id and name are free.
            try? services.endpoints.add(DemoPipeline.makeEndpoint(now: clock()))
        }
    }

    /// The seeded demo pipeline's id (whether or not seeding was on).
    public var demoPipelineID: String { Self.demoPipelineID }

    /// The ARM resource path of the emulated workspace, `/subscriptions/…/workspaces/emulated-ws`.
    public static var workspaceResourcePath: String { WorkspaceScope.resourcePath }

    /// Where clients reach the emulator: `publicURL` when configured, else `http://` + the bound
    /// address once started (loopback when bound to all interfaces); empty before `start`.
    public var baseURL: String {
        if let configured = configuration.publicURL, !configured.isEmpty { return EmulatorServices.trimmed(configured) }
        return services.lifecycle.baseURL ?? ""
    }

    /// Every emulated route plus the admin API, for serving from any `HTTPServer`. Build it with
    /// `errorRenderer: AzureMLEmulator.renderError` (or use `makeResponder()`) so the router's own
    /// 404/405 answers have Azure's error shape.
    public func makeRouter() -> Router {
        var router = Router()
        let gate = OperationGate(services: services)
        let groups: [any EmulatorRouteGroup] = [
            IdentityRoutes(gate: gate),
            PipelineRoutes(gate: gate),
            PipelineRunRoutes(gate: gate),
            PipelineEndpointRoutes(gate: gate),
            ScheduleRoutes(gate: gate),
            ARMWorkspaceRoutes(gate: gate),
            DiscoveryRoutes(gate: gate),
            DataTypeRoutes(gate: gate),
            RunHistoryRoutes(gate: gate),
            ArtifactRoutes(gate: gate),
            DatastoreRoutes(gate: gate),
            BlobRoutes(gate: gate),
            AdminRoutes(services: services),
            EventGridRoutes(services: services),
        ]
        for group in groups { group.register(on: &router) }
        return router
    }

    /// `makeRouter()` frozen with Azure-shaped error rendering.
    public func makeResponder() -> RouterResponder {
        makeRouter().buildResponder(errorRenderer: Self.renderError)
    }

    /// Renders router refusals and unexpected errors as `{"Error":{"Code","Message"}}`.
    public static func renderError(_ error: any Error, _ request: HTTPRequest) -> HTTPResponse {
        AzureErrorRenderer.render(error, request)
    }

    /// Binds `listen` (port 0 for an ephemeral port) and starts serving; returns the bound address.
    @discardableResult
    public func start(listen: SocketAddress) throws -> SocketAddress {
        var serverConfiguration = HTTPServerConfiguration(address: listen, eventLoops: configuration.eventLoops)
        // Injected delays end at shutdown (see EmulatorLifecycle), so a short grace period suffices.
        serverConfiguration.shutdownGracePeriod = .seconds(5)
        let httpServer = HTTPServer(
            configuration: serverConfiguration, responder: makeResponder(),
            observers: [AccessLogObserver(logger: services.logger)])
        try server.withLock { state throws(EmulatorError) in
            guard case .idle = state else { throw .alreadyStarted }
            state = .running(httpServer)
        }
        let bound: SocketAddress
        do {
            bound = try httpServer.start()
        } catch {
            // Nothing was started, so the emulator may try again (e.g. on another port).
            server.withLock { $0 = .idle }
            throw EmulatorError.listenFailed(String(describing: error))
        }
        services.lifecycle.setBaseURL("http://" + Self.reachable(bound).description)
        services.logger.info("emulated Azure ML listening", [
            "address": .string(bound.description), "base_url": .string(baseURL),
            "workspace": .string(WorkspaceScope.resourcePath),
        ])
        return bound
    }

    /// Stops serving; in-flight requests finish (injected delays are cut short). Event Grid
    /// deliveries, queued or under way, are cancelled and awaited, whether or not the emulator was
    /// started (its router may be served elsewhere), and no new subscription is taken. Safe to call twice.
    public func shutdown() async {
        let running: HTTPServer? = server.withLock { state in
            guard case .running(let httpServer) = state else { return nil }
            state = .stopped
            return httpServer
        }
        if running != nil { services.lifecycle.beginStopping() }
        await services.eventGrid.stop()
        await running?.shutdown()
    }

    /// A bound wildcard address is not one a client can dial; self-links use loopback instead.
    private static func reachable(_ address: SocketAddress) -> SocketAddress {
        let loopback: String? = switch address.host {
        case "0.0.0.0": "127.0.0.1"
        case "::", "0:0:0:0:0:0:0:0": "::1"
        default: nil
        }
        guard let loopback, let replaced = try? SocketAddress(host: loopback, port: address.port) else { return address }
        return replaced
    }
}
