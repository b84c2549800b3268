import AzureML
import Emulator
import Foundation
public import HTTPServer
public import Observability
public import Storage
import Scheduling
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
    /// The run ledger and idempotency keys (and schedules, later).
    public let store: any Store
    let ledger: RunLedger
    /// Fires active schedules on time; `firer` records and submits what it decides.
    let scheduler: SchedulerEngine
    let firer: ScheduleFirer
    /// The API keys in force; `reloadKeys` replaces them (SIGHUP).
    let keys: KeyRingHolder
    let server: HTTPServer
    private let environment: [String: String]
    private let background = Mutex<[Task<Void, Never>]>([])
    /// `GATEWAY_EVENTGRID_SECRET`, or one made up for the built-in emulator's own subscription.
    private let eventGridSecret: String?

    /// Opens the store (creating and migrating it as needed) and wires the routes; nothing listens
    /// until `start`. A store that cannot be opened — damaged, locked, newer — fails here, before any
    /// request could be accepted and then lost.
    public init(
        configuration: GatewayConfiguration, logger: Logger, serverConfiguration: HTTPServerConfiguration? = nil,
        environment: [String: String]? = nil, store: (any Store)? = nil
    ) throws(StoreError) {
        self.configuration = configuration
        self.logger = logger
        self.environment = environment ?? ProcessInfo.processInfo.environment
        metrics = MetricsRegistry()
        readiness = Readiness()
        backend = AzureMLBackend(
            configuration: configuration.backend, caBundlePath: configuration.caBundlePath, logger: logger, metrics: metrics)
        if let store {
            self.store = store
        } else {
            self.store = try Self.openStore(configuration.database, synchronous: configuration.sqliteSynchronous, logger: logger)
        }
        ledger = RunLedger(store: self.store, backend: backend, logger: logger.with(["component": "ledger"]), metrics: metrics)
        let clock = configuration.testClock?.clock ?? SystemSchedulerClock()
        if let testClock = configuration.testClock {
            logger.warning("the scheduler's clock is scaled for testing", ["scale": .double(testClock.scale), "origin": .string(rfc3339UTC(testClock.origin))])
        }
        let watcher = DatastoreWatcher(store: self.store, backend: backend, logger: logger.with(["component": "watcher"]), metrics: metrics)
        firer = ScheduleFirer(
            store: self.store, ledger: ledger, watcher: watcher, clock: clock, logger: logger.with(["component": "scheduler"]), metrics: metrics)
        scheduler = SchedulerEngine(clock: clock, sink: firer)
        let scheduler = scheduler
        metrics.gauge("gateway_active_schedules", help: "Schedules armed in the scheduler.") { Double(scheduler.armedSnapshot) }
        let keys = KeyRingHolder(configuration.apiKeys)
        self.keys = keys
        let facadeLogger = logger.with(["component": "sdk_facade"])
        let authenticator = FacadeAuthenticator(keys: keys, backend: backend, logger: facadeLogger)
        var router = Self.makeRouter(metrics: metrics, readiness: readiness, backend: backend, ledger: ledger, authenticator: authenticator)
        let scheduleRoutes = ScheduleRoutes(
            store: self.store, ledger: ledger, backend: backend, scheduler: scheduler, watcher: watcher, clock: clock, logger: logger.with(["component": "schedules"]))
        scheduleRoutes.register(on: &router)
        SDKFacadeRoutes(schedules: scheduleRoutes, store: self.store, backend: backend, authenticator: authenticator).register(on: &router)
        PassThroughRoute(backend: backend, keys: keys, logger: facadeLogger).register(on: &router)
        ImportRoutes(importer: ScheduleImporter(schedules: scheduleRoutes, logger: logger.with(["component": "import"]))).register(on: &router)
        WebhookRoutes(store: self.store, backend: backend, publicURL: configuration.publicURL, logger: logger.with(["component": "webhooks"]))
            .register(on: &router)
        HookDelivery(
            store: self.store, ledger: ledger, backend: backend, logger: logger.with(["component": "webhooks"]),
            deliveries: metrics.counter(
                "gateway_webhook_deliveries_total", help: "Webhook deliveries by webhook and outcome.", labelNames: ["webhook_id", "outcome"]),
            now: { Date() }
        ).register(on: &router)
        // With the built-in emulator and no secret of the user's, the gateway makes one and subscribes
        // itself at start (`subscribeToEmbeddedEventGrid`): `make run`, then a Put Blob, then a run.
        eventGridSecret = configuration.eventGridSecret
            ?? (configuration.backend.isEmulated ? RandomUUID.make().replacingOccurrences(of: "-", with: "") : nil)
        EventGridRoutes(
            secret: eventGridSecret, store: self.store, watcher: watcher, firer: firer, logger: logger.with(["component": "eventgrid"]),
            events: metrics.counter("gateway_eventgrid_events_total", help: "Event Grid events by type and outcome.", labelNames: ["type", "outcome"])
        ).register(on: &router)
        router.add(middleware: AuthMiddleware(keys: keys, limiter: RateLimiter(configuration.rateLimit)))
        let responder = router.buildResponder(errorRenderer: GatewayErrorRenderer.render)
        let observers: [any HTTPExchangeObserver] = [
            AccessLogObserver(logger: logger.with(["component": "access"])),
            HTTPMetricsObserver(registry: metrics),
        ]
        var defaultServerConfiguration = HTTPServerConfiguration(address: configuration.listen, eventLoops: configuration.eventLoops)
        defaultServerConfiguration.tls = configuration.tls
        server = HTTPServer(configuration: serverConfiguration ?? defaultServerConfiguration, responder: responder, observers: observers)
        let server = server
        metrics.gauge("http_open_connections", help: "Client connections currently open.") { Double(server.openConnections) }
    }

    /// Every route the gateway serves; the router answers 404/405/OPTIONS itself.
    static func makeRouter(
        metrics: MetricsRegistry, readiness: Readiness, backend: AzureMLBackend, ledger: RunLedger, authenticator: FacadeAuthenticator
    ) -> Router {
        var router = Router()
        HealthRoutes.register(on: &router, readiness: readiness)
        MetricsRoutes.register(on: &router, registry: metrics)
        OpenAPIRoute.register(on: &router)
        PipelineRoutes.register(on: &router, backend: backend, store: ledger.store)
        let trigger = TriggerHandler(ledger: ledger, backend: backend)
        router.on(.POST, "/v1/pipelines/{pipeline_id}/runs", handler: { request in try trigger.handle(request, shape: .v1) })
        PipelineEndpointRoutes.register(on: &router, backend: backend, trigger: trigger)
        AzurePathRoutes.register(on: &router, trigger: trigger, authenticator: authenticator)
        RunRoutes.register(on: &router, ledger: ledger, trigger: trigger)
        return router
    }

    /// Opens the configured database; `migrate` and `backup` use it too.
    public static func openStore(
        _ setting: DatabaseSetting, synchronous: SQLiteStoreOptions.Synchronous = .full, logger: Logger
    ) throws(StoreError) -> any Store {
        switch setting {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path, options: SQLiteStoreOptions(synchronous: synchronous))
            if !store.appliedMigrations.isEmpty {
                logger.info("database migrated", [
                    "path": .string(path), "versions": .string(store.appliedMigrations.map(String.init).joined(separator: ",")),
                ])
            }
            return store
        }
    }

    /// Replaces the API keys (SIGHUP); an invalid value keeps the current keys and says why.
    public func reloadKeys(from environment: [String: String]) {
        let (ring, problems) = APIKeyRing.parse(environment["GATEWAY_API_KEYS"] ?? "", setting: "GATEWAY_API_KEYS")
        guard problems.isEmpty else {
            logger.error("GATEWAY_API_KEYS not reloaded; keeping the current keys", ["reason": .string(problems.map { "\($0.setting): \($0.message)" }.joined(separator: "; "))])
            return
        }
        if ring.isEmpty && !keys.current.isEmpty && !configuration.listen.isLoopback && !configuration.insecureNoAuth {
            logger.error("GATEWAY_API_KEYS not reloaded: removing every key from a gateway listening on \(configuration.listen) is refused")
            return
        }
        keys.replace(ring)
        logger.info("API keys reloaded", ["keys": .int(ring.keys.count)])
    }

    /// Starts the Azure ML backend (the emulator, when no workspace is configured), then binds and
    /// serves; returns the bound address (the real port when 0 was configured).
    @discardableResult
    public func start() throws -> SocketAddress {
        readiness.set("azureml", .failing("not checked yet"))
        readiness.set("store", .ok)
        try backend.start(environment: environment)
        let address = try server.start()
        readiness.set("listener", .ok)
        startReadinessProbe()
        startLedgerWork()
        logger.info("listening", ["address": .string(address.description), "version": .string(GatewayVersion.current)])
        logTLSCertificate()
        subscribeToEmbeddedEventGrid(port: address.port)
        if configuration.insecureNoAuth {
            logger.warning("GATEWAY_INSECURE_NO_AUTH=true: requests are not authenticated; only run this behind a proxy that authenticates")
        }
        return address
    }

    /// Subscribes the gateway's Event Grid endpoint to the built-in emulator, as an operator would
    /// subscribe it to a storage account, when the emulator is in use and the user set no secret of
    /// their own. Only over plain HTTP: the emulator would not trust a self-signed certificate.
    private func subscribeToEmbeddedEventGrid(port: Int) {
        guard configuration.eventGridSecret == nil, configuration.tls == nil, let secret = eventGridSecret,
            let emulator = backend.embeddedEmulator,
            let endpoint = URL(string: "http://127.0.0.1:\(port)\(EventGridRoutes.route)?code=\(secret)")
        else { return }
        let logger = logger
        let task = Task {
            do {
                _ = try await emulator.subscribeEventGrid(endpoint: endpoint)
                logger.info("the built-in emulator pushes BlobCreated events to this gateway (Event Grid); polling stays on", [
                    "endpoint": .string("http://127.0.0.1:\(port)\(EventGridRoutes.route)"),
                ])
            } catch {
                logger.warning("could not subscribe to the built-in emulator's Event Grid; change schedules still poll", [
                    "reason": .string("\(error)"),
                ])
            }
        }
        background.withLock { $0.append(task) }
    }

    /// Graceful stop: no new connections, in-flight requests finish, then everything closes.
    public func shutdown() async {
        logger.info("shutting down", ["grace_seconds": .int(Int(server.configuration.shutdownGracePeriod.components.seconds))])
        let tasks = background.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        await server.shutdown()
        for task in tasks { await task.value }
        await backend.shutdown()
        store.close()
        logger.info("stopped")
        logger.flush()
    }

    /// Checks in the background that Azure ML answers with a token the gateway obtained, so `/readyz`
    /// answers at once: every 10 s while healthy, every 2 s while not.
    private func startReadinessProbe() {
        let backend = backend
        let readiness = readiness
        let logger = logger
        let store = store
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
                do {
                    try await store.checkWritable()
                    readiness.set("store", .ok)
                } catch {
                    readiness.set("store", .failing("\(error)"))
                    healthy = false
                }
                try? await Task.sleep(for: healthy ? .seconds(10) : .seconds(2))
            }
        }
        background.withLock { $0.append(task) }
    }

    /// The ledger's background work: settle runs an earlier process left `Submitting`, refresh the
    /// status of runs in flight (DESIGN: every 15 s while young, then every 5 min), and prune past
    /// the retention period once an hour.
    private func startLedgerWork() {
        let ledger = ledger
        let store = store
        let logger = logger
        let retention = TimeInterval(configuration.retentionDays) * 86_400
        let firer = firer
        let scheduler = scheduler
        let schedulerRun = Task {
            // Runs an earlier process left mid-submit are settled first, so no occurrence is armed twice.
            await ledger.reconcile()
            _ = await firer.finishSettledFires()
            await Self.armActiveSchedules(store: store, scheduler: scheduler, logger: logger)
            await scheduler.run()
        }
        background.withLock { $0.append(schedulerRun) }
        let work = Task {
            var lastPrune = Date.distantPast
            var lastReconcile = Date()
            var lastTrim = Date()
            while !Task.isCancelled {
                await ledger.refreshDue()
                // A refresh that found runs final frees slots for fires held by max_concurrent_runs.
                await firer.releaseWaiting()
                let now = Date()
                // Every 30 s as a safety net; at once (within one 2 s pass) after an unresolved submit,
                // so an ambiguous failure is settled by its tag in seconds.
                if ledger.takeReconcileRequest() || now.timeIntervalSince(lastReconcile) >= 30 {
                    await ledger.reconcile()
                    _ = await firer.finishSettledFires()
                    lastReconcile = now
                }
                if now.timeIntervalSince(lastTrim) >= 30 {
                    // Bursts (a thousand fires, a folder of new files) free a lot at once; give it back.
                    MemoryRelease.returnFreedMemory()
                    lastTrim = now
                }
                if now.timeIntervalSince(lastPrune) >= 3600 {
                    lastPrune = now
                    do {
                        let cut = now.addingTimeInterval(-retention)
                        // Idempotency keys are kept at least 24 h, longer only with the retention.
                        let pruned = try await store.prune(finishedRunsBefore: cut, keysBefore: min(cut, now.addingTimeInterval(-86_400)))
                        if pruned.runs + pruned.idempotencyKeys > 0 {
                            logger.info("pruned past retention", ["runs": .int(pruned.runs), "idempotency_keys": .int(pruned.idempotencyKeys)])
                        }
                    } catch {
                        logger.warning("pruning failed", ["error": .string("\(error)")])
                    }
                }
                try? await Task.sleep(for: .seconds(2))
            }
        }
        background.withLock { $0.append(work) }
    }

    /// Arms every active schedule, applying its catchup policy to what it missed while the gateway was down.
    ///
    /// Read and armed a page at a time, so 100,000 schedules never sit in memory as rows all at once;
    /// afterwards the freed pages go back to the system (`malloc_trim`), which otherwise keeps them.
    static func armActiveSchedules(store: any Store, scheduler: SchedulerEngine, logger: Logger) async {
        let started = ContinuousClock.now
        var cursor: Int64?
        var count = 0
        repeat {
            let page: StoredPage<ScheduleRecord>
            do {
                page = try await store.schedules(activeOnly: true, pipelineID: nil, limit: armingPage, cursor: cursor)
            } catch {
                logger.error("could not load the schedules; the rest will not fire until restart", ["armed": .int(count), "error": .string("\(error)")])
                return
            }
            var batch: [SchedulerEngine.Arming] = []
            batch.reserveCapacity(page.items.count)
            for schedule in page.items {
                guard let definition = ScheduleDefinition.decode(schedule.definition),
                    let calendar = try? definition.calendar(createdAt: schedule.createdAt)
                else {
                    logger.error("a stored schedule cannot be read; it will not fire", ["schedule_id": .string(schedule.id)])
                    continue
                }
                batch.append(.init(scheduleID: schedule.id, calendar: calendar, lastFired: schedule.lastFireAt, catchup: definition.catchupPolicy))
            }
            await scheduler.armAll(batch)
            count += batch.count
            cursor = page.nextCursor
        } while cursor != nil
        MemoryRelease.returnFreedMemory()
        if count > 0 {
            let elapsed = ContinuousClock.now - started
            // The scheduler bench reads elapsed_ms: loading and arming 100,000 schedules must take < 2 s.
            logger.info("schedules armed", [
                "count": .int(count),
                "elapsed_ms": .int(Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)),
            ])
        }
    }

    /// Schedules read and armed per step at start.
    static let armingPage = 2_000

    /// `serve`: start, wait for SIGTERM or SIGINT, drain, return. SIGHUP reloads the TLS pair (when
    /// serving HTTPS) and re-reads the API keys from `envFile` when given.
    public func run(envFile: String? = nil) async throws {
        try start()
        let reload = Task { [self] in
            for await _ in SignalWatcher.arrivals(of: SIGHUP) {
                guard !Task.isCancelled else { return }
                reloadTLS()
                guard let envFile else {
                    if configuration.tls == nil { logger.info("SIGHUP: no --env-file given, so there is nothing to re-read") }
                    continue
                }
                do {
                    reloadKeys(from: try EnvironmentFile.read(envFile))
                } catch {
                    logger.error("SIGHUP: \(error)")
                }
            }
        }
        defer { reload.cancel() }
        let signal = await SignalWatcher.waitForTermination()
        logger.info("signal received", ["signal": .int(Int(signal))])
        await shutdown()
    }
}
