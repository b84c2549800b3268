import CEpoll
import Glibc

/// One accepted socket on one event loop: non-blocking reads into the loop's buffer, an output
/// queue flushed as the socket allows, and readiness interest kept in step with both. Protocol logic
/// lives in `session`.
///
/// With TLS, `tls` sits between the socket and the session: the same buffers and loop, but reads
/// and writes go through OpenSSL, and the session is created only once the handshake is done (by
/// the protocol ALPN chose). Handshake driving lives in `Connection+TLS.swift`.
final class Connection: EventLoopHandler, @unchecked Sendable {
    let fd: Int32
    let peer: String
    let loop: EventLoop
    let context: ServerContext
    var session: (any ConnectionSession)?
    /// The TLS layer; nil on a cleartext connection.
    let tls: TLSStream?
    /// While a TLS handshake runs: when it must be done by (monotonic ns); 0 otherwise.
    var handshakeDeadline: UInt64 = 0
    /// A TLS read waits for writability, or a TLS write for readability (see `TransferResult`).
    private var tlsReadNeedsWritable = false
    private var tlsWriteNeedsReadable = false

    private var output: [UInt8] = []
    private var outputOffset = 0
    private var lastWriteProgress: UInt64 = 0
    private var wantsReading = true
    private var registeredEvents: UInt32 = 0
    private(set) var isClosed = false
    /// Closing by reset: no TLS close_notify goes out first.
    private var isReset = false
    /// Close once everything queued has been written (after a `Connection: close` answer).
    var closeAfterFlush = false

    /// Output beyond this stops reading more requests until the peer catches up (pipelining flood guard).
    static let outputHighWater = 256 * 1024

    init(fd: Int32, peer: String, loop: EventLoop, context: ServerContext, tls: TLSStream? = nil) {
        self.fd = fd
        self.peer = peer
        self.loop = loop
        self.context = context
        self.tls = tls
    }

    func start() {
        registeredEvents = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        loop.register(fd: fd, events: registeredEvents, handler: self)
        if tls != nil { handshakeDeadline = MonotonicClock.now() &+ context.handshakeTimeout }
    }

    var pendingOutputBytes: Int { output.count - outputOffset }

    // MARK: - EventLoopHandler

    func handleEvents(_ events: UInt32) {
        if isHandshaking {
            continueHandshake()
            return
        }
        let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue
        let writable = events & EPOLLOUT.rawValue != 0
        if writable || (tlsWriteNeedsReadable && events & readable != 0) { flush() }
        if isClosed { return }
        if (wantsReading && events & readable != 0) || (tlsReadNeedsWritable && writable) {
            readAvailable()
        } else if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            closeNow()
        }
    }

    func tick(now: UInt64) {
        if isHandshaking {
            if now > handshakeDeadline { closeNow() }
            return
        }
        if pendingOutputBytes > 0, now &- lastWriteProgress > context.writeTimeout {
            closeNow()
            return
        }
        session?.tick(now: now)
    }

    // MARK: - Reading

    func readAvailable() {
        if let tls {
            readDecrypted(from: tls)
            return
        }
        let buffer = loop.readBuffer
        // A few reads per wakeup keep one busy peer from monopolising the loop.
        for _ in 0..<4 {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 {
                session?.didRead(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                if isClosed { return }
                flush()
                if isClosed || !wantsReading || n < buffer.count { return }
            } else if n == 0 {
                setReading(false)
                session?.peerClosedInput()
                flush()
                return
            } else {
                let error = errno
                if error == EINTR { continue }
                if error != EAGAIN && error != EWOULDBLOCK { closeNow() }
                return
            }
        }
    }

    /// Reads through TLS. One `SSL_read` yields at most one record, and OpenSSL may already hold
    /// the next ones (read-ahead), which epoll will never report: keep going while it does.
    private func readDecrypted(from tls: TLSStream) {
        let buffer = loop.readBuffer
        if tlsReadNeedsWritable {
            tlsReadNeedsWritable = false
            updateInterest()
        }
        // As many records as four plain reads would carry, then others get a turn.
        for _ in 0..<16 {
            switch tls.read(into: buffer) {
            case .transferred(let n):
                session?.didRead(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                if isClosed { return }
                flush()
                // Anything still in the socket is reported again by (level-triggered) epoll.
                if isClosed || !wantsReading || !tls.hasBufferedInput { return }
            case .wantsReadable:
                return
            case .wantsWritable:
                tlsReadNeedsWritable = true
                updateInterest()
                return
            case .endOfInput:
                setReading(false)
                session?.peerClosedInput()
                flush()
                return
            case .failed:
                closeNow()
                return
            }
        }
        resumeBufferedReading()
    }

    /// Turns read interest on or off (backpressure while a response is pending or output is piling up).
    func setReading(_ enabled: Bool) {
        guard enabled != wantsReading, !isClosed else { return }
        wantsReading = enabled
        updateInterest()
        if enabled, let tls, tls.hasBufferedInput { resumeBufferedReading() }
    }

    /// Reads what TLS has buffered on a later turn of the loop (epoll will not signal it).
    private func resumeBufferedReading() {
        loop.execute { [self] in
            if !isClosed && wantsReading && !isHandshaking { readAvailable() }
        }
    }

    // MARK: - Writing

    /// Queues bytes; call `flush` (the read path does) to write them.
    func enqueue(_ bytes: [UInt8]) {
        if output.isEmpty { lastWriteProgress = MonotonicClock.now() }
        output.append(contentsOf: bytes)
    }

    /// Gives the session direct access to the output buffer to serialize into without a copy.
    func withOutput<R>(_ body: (inout [UInt8]) -> R) -> R {
        if pendingOutputBytes == 0 { lastWriteProgress = MonotonicClock.now() }
        return body(&output)
    }

    /// Writes as much queued output as the socket takes. When everything is out, the session may
    /// queue more (requests paused behind a slow reader), which is written in the same pass.
    func flush() {
        while !isClosed {
            guard writeQueued() else { return }
            if closeAfterFlush {
                closeNow()
                return
            }
            session?.didDrainOutput()
            if pendingOutputBytes == 0 { return }
        }
    }

    /// Writes queued bytes; true when the queue is empty, false when the socket is full or failed.
    private func writeQueued() -> Bool {
        while outputOffset < output.count {
            let result = output.withUnsafeBytes { raw in transmit(UnsafeRawBufferPointer(rebasing: raw[outputOffset...])) }
            switch result {
            case .transferred(let n):
                outputOffset += n
                lastWriteProgress = MonotonicClock.now()
            case .wantsWritable:
                updateInterest()
                return false
            case .wantsReadable:
                tlsWriteNeedsReadable = true
                updateInterest()
                return false
            case .endOfInput, .failed:
                closeNow()
                return false
            }
        }
        tlsWriteNeedsReadable = false
        if output.capacity > 1 << 20 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
        updateInterest()
        return true
    }

    /// One write: `send` on a cleartext socket, one TLS record otherwise.
    private func transmit(_ bytes: UnsafeRawBufferPointer) -> TransferResult {
        if let tls { return tls.write(bytes) }
        while true {
            let n = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n > 0 { return .transferred(n) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .wantsWritable }
            return .failed
        }
    }

    private func updateInterest() {
        // EPOLLHUP/EPOLLERR are always reported; read interest is dropped entirely while paused so a
        // half-closed peer cannot make level-triggered epoll spin.
        var events: UInt32 = 0
        if wantsReading || tlsWriteNeedsReadable { events |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if pendingOutputBytes > 0 || tlsReadNeedsWritable { events |= EPOLLOUT.rawValue }
        setInterest(events)
    }

    /// Registers `events` with epoll when they differ from what is registered.
    func setInterest(_ events: UInt32) {
        guard events != registeredEvents, !isClosed else { return }
        registeredEvents = events
        loop.modify(fd: fd, events: events)
    }

    // MARK: - Closing

    /// Closes with a TCP reset (SO_LINGER 0) rather than an orderly FIN, discarding queued output.
    func reset() {
        guard !isClosed else { return }
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        isReset = true
        closeNow()
    }

    func closeNow() {
        guard !isClosed else { return }
        if !isReset { tls?.sendCloseNotify() }
        isClosed = true
        loop.deregister(fd: fd)
        Glibc.close(fd)
        session = nil
        context.openConnections.subtract(1, ordering: .relaxed)
    }
}
