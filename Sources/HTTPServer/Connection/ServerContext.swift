import Synchronization

/// What every connection shares with the server: the frozen responder, configuration, observers,
/// and the counters that enforce the connection cap and drive graceful shutdown.
final class ServerContext: Sendable {
    let responder: RouterResponder
    let configuration: HTTPServerConfiguration
    let observers: [any HTTPExchangeObserver]
    let openConnections = Atomic<Int>(0)
    let isShuttingDown = Atomic<Bool>(false)
    /// Round-robin cursor for handing accepted connections to loops.
    let nextLoop = Atomic<Int>(0)
    let headerTimeout: UInt64
    let bodyTimeout: UInt64
    let idleTimeout: UInt64
    let writeTimeout: UInt64

    init(responder: RouterResponder, configuration: HTTPServerConfiguration, observers: [any HTTPExchangeObserver]) {
        self.responder = responder
        self.configuration = configuration
        self.observers = observers
        headerTimeout = configuration.headerReadTimeout.nanoseconds
        bodyTimeout = configuration.bodyReadTimeout.nanoseconds
        idleTimeout = configuration.idleTimeout.nanoseconds
        writeTimeout = configuration.writeTimeout.nanoseconds
    }

    func record(_ record: HTTPExchangeRecord) {
        for observer in observers { observer.exchangeCompleted(record) }
    }
}
