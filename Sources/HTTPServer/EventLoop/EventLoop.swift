import CEpoll
import Foundation
import Glibc
import Synchronization

/// One thread running `epoll_wait` over the sockets it owns. Each connection lives on exactly one
/// loop for its whole life, so its state is never shared between threads (the SwiftNIO model);
/// other threads reach a loop only through `execute`, which queues work and wakes it via an eventfd.
///
/// epoll rather than DispatchSource: one wakeup serves many ready sockets and no block is enqueued per
/// readiness event, which measured faster under `wrk` load (see README, "Performance").
final class EventLoop: @unchecked Sendable {
    let index: Int
    private let epollFD: Int32
    private let wakeFD: Int32
    private let pending = Mutex<[@Sendable () -> Void]>([])
    private let threadID = Mutex<pthread_t?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    // Loop-thread state.
    private var handlers: [Int32: any EventLoopHandler] = [:]
    private var running = true
    private var lastTick: UInt64 = 0
    /// A read buffer shared by every connection on this loop: bytes are copied into the parser at once.
    let readBuffer: UnsafeMutableRawBufferPointer
    var dateCache = HTTPDateCache()
    var requestIDs: RequestIDGenerator

    static let tickInterval: UInt64 = 250_000_000

    init(index: Int) throws(SystemError) {
        self.index = index
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw SystemError("epoll_create1") }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            let error = SystemError("eventfd")
            Glibc.close(epollFD)
            throw error
        }
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        requestIDs = RequestIDGenerator(loopIndex: index)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeFD
        epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
    }

    deinit {
        readBuffer.deallocate()
        Glibc.close(wakeFD)
        Glibc.close(epollFD)
    }

    func start() {
        let thread = Thread { [self] in
            threadID.withLock { $0 = pthread_self() }
            run()
            finished.signal()
        }
        thread.name = "http-loop-\(index)"
        thread.stackSize = 1 << 20
        thread.start()
    }

    var inEventLoop: Bool {
        threadID.withLock { id in id.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    /// Runs `work` on the loop thread, soon. Safe from any thread.
    func execute(_ work: @escaping @Sendable () -> Void) {
        pending.withLock { $0.append(work) }
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    /// Runs `work` on the loop thread and returns once it has run.
    func submit(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            execute {
                work()
                continuation.resume()
            }
        }
    }

    /// Asks the loop to finish after its current iteration and waits for the thread to end.
    func stopAndWait() {
        execute { [self] in running = false }
        finished.wait()
    }

    // MARK: - Registration (loop thread only)

    func register(fd: Int32, events: UInt32, handler: any EventLoopHandler) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event)
        handlers[fd] = handler
    }

    func modify(fd: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    func deregister(fd: Int32) {
        epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        handlers[fd] = nil
    }

    /// Every handler currently registered (used by shutdown to reach each connection).
    var registeredHandlers: [any EventLoopHandler] { Array(handlers.values) }

    // MARK: - Loop

    private func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while running {
            let timeout: Int32 = handlers.isEmpty ? -1 : 250
            let count = epoll_wait(epollFD, events, Int32(capacity), timeout)
            if count < 0 && errno != EINTR { break }
            for i in 0..<max(0, Int(count)) {
                let event = events[i]
                let fd = event.data.fd
                if fd == wakeFD {
                    var value: UInt64 = 0
                    _ = Glibc.read(wakeFD, &value, 8)
                    continue
                }
                handlers[fd]?.handleEvents(event.events)
            }
            runPending()
            let now = MonotonicClock.now()
            if now &- lastTick >= Self.tickInterval {
                lastTick = now
                for handler in handlers.values { handler.tick(now: now) }
            }
        }
    }

    private func runPending() {
        while true {
            let work = pending.withLock { queue -> [@Sendable () -> Void] in
                let taken = queue
                queue.removeAll(keepingCapacity: true)
                return taken
            }
            if work.isEmpty { return }
            for item in work { item() }
        }
    }
}
