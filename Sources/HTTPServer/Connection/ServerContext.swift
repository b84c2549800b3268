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
    /// How long a TLS handshake may take (TLSConfiguration.handshakeTimeout), in nanoseconds.
    let handshakeTimeout: UInt64
    /// The certificate pair new connections get; nil serves cleartext. `HTTPServer.reloadTLS`
    /// swaps it, and connections already open keep the context they started with.
    let tlsContext = Mutex<TLSContext?>(nil)

    init(responder: RouterResponder, configuration: HTTPServerConfiguration, observers: [any HTTPExchangeObserver]) {
        self.responder = responder
        self.configuration = configuration
        self.observers = observers
        headerTimeout = configuration.headerReadTimeout.nanoseconds
        bodyTimeout = configuration.bodyReadTimeout.nanoseconds
        idleTimeout = configuration.idleTimeout.nanoseconds
        writeTimeout = configuration.writeTimeout.nanoseconds
        handshakeTimeout = (configuration.tls?.handshakeTimeout ?? .seconds(10)).nanoseconds
    }

    /// The session for a protocol (the one ALPN chose, or HTTP/1.1 in cleartext): the single place
    /// a protocol becomes code, so HTTP/2 plugs in here without touching sockets or TLS.
    func makeSession(for applicationProtocol: ApplicationProtocol, on connection: Connection) -> any ConnectionSession {
        switch applicationProtocol {
        case .h2: HTTP2Session(connection: connection, context: self)
        case .http1_1: HTTP1Session(connection: connection, context: self)
        }
    }

    func record(_ record: HTTPExchangeRecord) {
        for observer in observers { observer.exchangeCompleted(record) }
    }
}
