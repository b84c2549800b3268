import Foundation
import Glibc
import Synchronization

/// A running HTTP server: one listening socket, one event loop per core, connections that live on
/// one loop each. It knows nothing of the application — it hands complete requests to a
/// `RouterResponder` and reports every exchange to its observers.
///
/// Lifecycle: `start()` binds and begins accepting; `shutdown()` stops accepting, lets in-flight
/// requests finish (bounded by the grace period), closes idle connections, then stops the loops.
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let context: ServerContext
    private let state = Mutex<State>(.idle)

    private enum State {
        case idle
        case running(listener: ListeningSocket, loops: [EventLoop], acceptors: [AcceptHandler])
        case stopped
    }

    public init(configuration: HTTPServerConfiguration, responder: RouterResponder, observers: [any HTTPExchangeObserver] = []) {
        self.configuration = configuration
        context = ServerContext(responder: responder, configuration: configuration, observers: observers)
    }

    /// Connections currently open (for the `/metrics` gauge and tests).
    public var openConnections: Int { context.openConnections.load(ordering: .relaxed) }

    /// Loads the TLS pair (when configured), binds and starts the loops; returns the bound address
    /// (the real port when 0 was asked for).
    /// - Throws: `TLSConfigurationError` when the certificate pair cannot be used, `SystemError`
    ///   when the address cannot be bound.
    @discardableResult
    public func start() throws -> SocketAddress {
        if let tls = configuration.tls {
            let loaded = try TLSContext(configuration: tls)
            context.tlsContext.withLock { $0 = loaded }
        }
        signal(SIGPIPE, SIG_IGN)
        Self.raiseFileLimit(toAtLeast: configuration.maxConnections + 256)
        let listener = try ListeningSocket(address: configuration.address)
        var loops: [EventLoop] = []
        for index in 0..<configuration.eventLoops {
            do {
                loops.append(try EventLoop(index: index))
            } catch {
                listener.close()
                throw error
            }
        }
        let acceptors = loops.map { AcceptHandler(listener: listener, loop: $0, loops: loops, context: context) }
        for (loop, acceptor) in zip(loops, acceptors) {
            loop.start()
            loop.execute { acceptor.register() }
        }
        state.withLock { $0 = .running(listener: listener, loops: loops, acceptors: acceptors) }
        return listener.boundAddress
    }

    /// Stops accepting, lets in-flight requests finish within `configuration.shutdownGracePeriod`,
    /// closes every connection and stops the loops. Safe to call more than once.
    public func shutdown() async {
        let running: (ListeningSocket, [EventLoop], [AcceptHandler])? = state.withLock { state in
            guard case .running(let listener, let loops, let acceptors) = state else { return nil }
            state = .stopped
            return (listener, loops, acceptors)
        }
        guard let (listener, loops, acceptors) = running else { return }
        context.isShuttingDown.store(true, ordering: .relaxed)
        for (loop, acceptor) in zip(loops, acceptors) {
            await loop.submit {
                acceptor.deregister()
                for case let connection as Connection in loop.registeredHandlers { connection.beginShutdown() }
            }
        }
        // Closed at once, not after the drain, so new clients are refused instead of queuing in the backlog.
        listener.close()
        let deadline = ContinuousClock.now + configuration.shutdownGracePeriod
        while context.openConnections.load(ordering: .relaxed) > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for loop in loops {
            loop.execute {
                for case let connection as Connection in loop.registeredHandlers { connection.closeNow() }
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                for loop in loops { loop.stopAndWait() }
                continuation.resume()
            }
        }
    }

    /// The certificate new TLS connections are served; nil when serving cleartext (or not started).
    public var tlsCertificate: TLSCertificateSummary? { context.tlsContext.withLock { $0?.certificate } }

    /// Re-reads the certificate pair from the configured files, for connections accepted from now
    /// on; open connections keep the pair they were established with (certificate rotation without
    /// dropping anyone). A pair that fails to load leaves the current one in force.
    /// - Returns: the newly served certificate, or nil when the server does not use TLS.
    /// - Throws: `TLSConfigurationError` saying what is wrong with the new files.
    @discardableResult
    public func reloadTLS() throws(TLSConfigurationError) -> TLSCertificateSummary? {
        guard let tls = configuration.tls else { return nil }
        let loaded = try TLSContext(configuration: tls)
        context.tlsContext.withLock { $0 = loaded }
        return loaded.certificate
    }

    /// 10,000 connections need more descriptors than the usual soft limit of 1,024.
    private static func raiseFileLimit(toAtLeast wanted: Int) {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(wanted))
        setrlimit(RLIMIT_NOFILE_VALUE, &limit)
    }
}

#if canImport(Glibc)
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#endif
