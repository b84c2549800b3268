import CEpoll

/// The TLS handshake on a connection: driven by the same epoll events as everything else, bounded
/// by `TLSConfiguration.handshakeTimeout` (checked in `tick`), and ending in the session for the
/// protocol ALPN chose. A client that never finishes holds no thread and nothing beyond its socket
/// and an `SSL` object, and only until the deadline.
extension Connection {
    /// True from accept until the TLS handshake completes; never for cleartext connections.
    var isHandshaking: Bool { handshakeDeadline != 0 }

    /// Advances the handshake and waits for whichever readiness OpenSSL asks for next.
    func continueHandshake() {
        guard let tls else { return }
        switch tls.handshake() {
        case .complete:
            handshakeDeadline = 0
            session = context.makeSession(for: tls.negotiatedProtocol ?? .http1_1, on: self)
            setInterest(EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
            // The first request often arrives in the same packet as the client's Finished message,
            // already buffered by OpenSSL, where epoll cannot see it.
            if tls.hasBufferedInput { readAvailable() }
        case .wantsReadable:
            setInterest(EPOLLIN.rawValue | EPOLLRDHUP.rawValue)
        case .wantsWritable:
            setInterest(EPOLLOUT.rawValue)
        case .failed:
            closeNow()
        }
    }

    /// Graceful shutdown reached this connection: a handshake in progress is simply dropped (there
    /// is no request to finish); otherwise the session decides.
    func beginShutdown() {
        if isHandshaking {
            closeNow()
        } else {
            session?.beginShutdown()
        }
    }
}
