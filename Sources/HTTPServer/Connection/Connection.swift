import CEpoll
import Glibc

/// One accepted socket on one event loop: non-blocking reads into the loop's buffer, an output
/// queue flushed as the socket allows, and readiness interest kept in step with both. Protocol logic
/// lives in `session`.
final class Connection: EventLoopHandler, @unchecked Sendable {
    let fd: Int32
    let peer: String
    let loop: EventLoop
    let context: ServerContext
    var session: (any ConnectionSession)?

    private var output: [UInt8] = []
    private var outputOffset = 0
    private var lastWriteProgress: UInt64 = 0
    private var wantsReading = true
    private var registeredEvents: UInt32 = 0
    private(set) var isClosed = false
    /// Close once everything queued has been written (after a `Connection: close` answer).
    var closeAfterFlush = false

    /// Output beyond this stops reading more requests until the peer catches up (pipelining flood guard).
    static let outputHighWater = 256 * 1024

    init(fd: Int32, peer: String, loop: EventLoop, context: ServerContext) {
        self.fd = fd
        self.peer = peer
        self.loop = loop
        self.context = context
    }

    func start() {
        registeredEvents = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
        loop.register(fd: fd, events: registeredEvents, handler: self)
    }

    var pendingOutputBytes: Int { output.count - outputOffset }

    // MARK: - EventLoopHandler

    func handleEvents(_ events: UInt32) {
        if events & EPOLLOUT.rawValue != 0 { flush() }
        if isClosed { return }
        let readable = EPOLLIN.rawValue | EPOLLRDHUP.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue
        if wantsReading && events & readable != 0 {
            readAvailable()
        } else if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            closeNow()
        }
    }

    func tick(now: UInt64) {
        if pendingOutputBytes > 0, now &- lastWriteProgress > context.writeTimeout {
            closeNow()
            return
        }
        session?.tick(now: now)
    }

    // MARK: - Reading

    private func readAvailable() {
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

    /// Turns read interest on or off (backpressure while a response is pending or output is piling up).
    func setReading(_ enabled: Bool) {
        guard enabled != wantsReading, !isClosed else { return }
        wantsReading = enabled
        updateInterest()
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
            let n = output.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + outputOffset, raw.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outputOffset += n
                lastWriteProgress = MonotonicClock.now()
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                updateInterest()
                return false
            } else {
                closeNow()
                return false
            }
        }
        if output.capacity > 1 << 20 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        outputOffset = 0
        updateInterest()
        return true
    }

    private func updateInterest() {
        // EPOLLHUP/EPOLLERR are always reported; read interest is dropped entirely while paused so a
        // half-closed peer cannot make level-triggered epoll spin.
        var events: UInt32 = 0
        if wantsReading { events |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if pendingOutputBytes > 0 { events |= EPOLLOUT.rawValue }
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
        closeNow()
    }

    func closeNow() {
        guard !isClosed else { return }
        isClosed = true
        loop.deregister(fd: fd)
        Glibc.close(fd)
        session = nil
        context.openConnections.subtract(1, ordering: .relaxed)
    }
}
