import CEpoll
import Glibc

/// The listening socket as seen by one event loop. Every loop registers the same socket with
/// `EPOLLEXCLUSIVE`, so one loop wakes per burst of new connections; it then deals them out round-robin
/// to all loops, because a burst (a load balancer or `wrk` opening 64 keep-alive connections at once)
/// would otherwise pin every connection to whichever loop woke first.
final class AcceptHandler: EventLoopHandler, @unchecked Sendable {
    private let listener: ListeningSocket
    private let loop: EventLoop
    private let loops: [EventLoop]
    private let context: ServerContext

    /// Sent, best effort, to a connection over the cap before closing it.
    private static let overloaded: [UInt8] = {
        let body = ProblemDetails(title: "Service Unavailable", status: 503, detail: "Too many open connections; retry shortly.").json
        return Array(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
            + "Connection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
    }()

    init(listener: ListeningSocket, loop: EventLoop, loops: [EventLoop], context: ServerContext) {
        self.listener = listener
        self.loop = loop
        self.loops = loops
        self.context = context
    }

    func register() {
        loop.register(fd: listener.fd, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, handler: self)
    }

    func deregister() {
        loop.deregister(fd: listener.fd)
    }

    func handleEvents(_ events: UInt32) {
        for _ in 0..<64 {
            guard let (fd, peer) = listener.acceptOne() else { return }
            let open = context.openConnections.add(1, ordering: .relaxed).newValue
            if open > context.configuration.maxConnections || context.isShuttingDown.load(ordering: .relaxed) {
                // A TLS client would read a cleartext answer as garbage: it just sees the close.
                if context.configuration.tls == nil {
                    Self.overloaded.withUnsafeBytes { _ = send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                }
                Glibc.close(fd)
                context.openConnections.subtract(1, ordering: .relaxed)
                continue
            }
            let target = loops[context.nextLoop.add(1, ordering: .relaxed).oldValue % loops.count]
            if target === loop {
                Self.open(fd: fd, peer: peer, on: target, context: context)
            } else {
                let context = context
                target.execute { Self.open(fd: fd, peer: peer, on: target, context: context) }
            }
        }
    }

    func tick(now: UInt64) {}

    /// Creates the connection on the loop that will own it for its whole life.
    /// Over TLS the session waits for the handshake, whose ALPN result decides the protocol; in
    /// cleartext the first bytes do (HTTP/2's connection preface, or anything else for HTTP/1.1).
    private static func open(fd: Int32, peer: String, on loop: EventLoop, context: ServerContext) {
        if context.configuration.tls != nil {
            guard let tls = context.tlsContext.withLock({ $0 })?.makeStream(fd: fd) else {
                Glibc.close(fd)
                context.openConnections.subtract(1, ordering: .relaxed)
                return
            }
            Connection(fd: fd, peer: peer, loop: loop, context: context, tls: tls).start()
            return
        }
        let connection = Connection(fd: fd, peer: peer, loop: loop, context: context)
        connection.session = PrefaceDetectionSession(connection: connection, context: context)
        connection.start()
    }
}
