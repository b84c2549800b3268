import Dispatch
import Glibc
import Synchronization

/// Writes log lines to a file descriptor (standard error by default) in batches.
///
/// Logging threads only append to an in-memory buffer under a short lock; they never make a system
/// call and never block on a slow or stuck descriptor. The buffer is written with `write(2)` on a
/// private dispatch queue when it passes 64 KiB, every `flushInterval`, and synchronously on `flush()`.
///
/// Guarantees and trade-offs:
/// - Each line is appended whole, newline included, and batches are written one at a time in order,
///   so lines are never interleaved or split (unless the descriptor fails mid-batch).
/// - `write(2)` is retried on `EINTR`, and on `EAGAIN` after waiting for the descriptor to become
///   writable; any other error drops the rest of that batch: logging must not take the server down.
/// - If the descriptor stops accepting data and the buffer reaches 8 MiB, new lines are dropped
///   (the buffered, older ones are kept) and counted in `droppedLines`, bounding memory.
public final class FileDescriptorLogSink: LogSink {
    /// A process-wide sink for standard error, the usual destination for container and service logs.
    public static let standardError = FileDescriptorLogSink(fileDescriptor: STDERR_FILENO)

    /// Lines are accepted here by logging threads.
    private struct Pending {
        var buffer: [UInt8]
        var droppedLines = 0
        /// A threshold-triggered write has been queued and has not run yet; avoids queueing one per line.
        var drainScheduled = false
    }

    private let fileDescriptor: Int32
    private let flushThreshold: Int
    private let bufferLimit: Int
    private let pending: Mutex<Pending>
    /// Serializes writers (timer, threshold, `flush()`) and holds the spare buffer the next batch is swapped into.
    private let writer: Mutex<[UInt8]>
    private let queue = DispatchQueue(label: "Observability.FileDescriptorLogSink")
    /// Dispatch sources are not `Sendable`; the mutex makes handing it to `deinit` (any thread) safe.
    private let timer = Mutex<(any DispatchSourceTimer)?>(nil)

    /// - Parameters:
    ///   - fileDescriptor: An open descriptor. The sink does not close it.
    ///   - flushInterval: Longest time a line waits in memory when traffic is too low to fill a batch.
    public convenience init(fileDescriptor: Int32, flushInterval: Duration = .milliseconds(50)) {
        self.init(
            fileDescriptor: fileDescriptor,
            flushInterval: flushInterval,
            flushThreshold: 64 * 1024,
            bufferLimit: 8 * 1024 * 1024
        )
    }

    /// Test seam: the batch threshold and the memory cap are injectable so tests need not produce megabytes.
    init(fileDescriptor: Int32, flushInterval: Duration, flushThreshold: Int, bufferLimit: Int) {
        self.fileDescriptor = fileDescriptor
        self.flushThreshold = flushThreshold
        self.bufferLimit = bufferLimit
        let initialCapacity = min(2 * flushThreshold, bufferLimit)
        pending = Mutex(Pending(buffer: Self.emptyBuffer(capacity: initialCapacity)))
        writer = Mutex(Self.emptyBuffer(capacity: initialCapacity))
        let flushFromTimer: @Sendable () -> Void = { [weak self] in
            self?.flush()
        }
        timer.withLock {
            $0 = Self.startTimer(on: queue, interval: Self.dispatchInterval(flushInterval), handler: flushFromTimer)
        }
    }

    deinit {
        timer.withLock { $0?.cancel() }
        flush()
    }

    /// Lines discarded because the buffer was full; a non-zero value means the descriptor cannot keep up.
    public var droppedLines: Int {
        pending.withLock { $0.droppedLines }
    }

    /// Appends the line and a newline to the buffer; never performs I/O itself.
    public func write(_ line: String) {
        var line = line
        line.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public func write(utf8 line: [UInt8]) {
        line.withUnsafeBytes { append($0) }
    }

    private func append(_ line: UnsafeRawBufferPointer) {
        let lineLength = line.count + 1
        let shouldScheduleDrain = pending.withLock { state -> Bool in
            guard state.buffer.count + lineLength <= bufferLimit else {
                state.droppedLines += 1
                return false
            }
            state.buffer.append(contentsOf: line)
            state.buffer.append(UInt8(ascii: "\n"))
            guard state.buffer.count >= flushThreshold, !state.drainScheduled else { return false }
            state.drainScheduled = true
            return true
        }
        if shouldScheduleDrain {
            queue.async { [weak self] in
                self?.flush()
            }
        }
    }

    /// Writes everything buffered so far before returning; waits for a batch already being written.
    public func flush() {
        writer.withLock { batch in
            pending.withLock { state in
                swap(&state.buffer, &batch)
                state.drainScheduled = false
            }
            guard !batch.isEmpty else { return }
            Self.writeAll(batch, to: fileDescriptor)
            // Keep the allocation for the next swap, unless a backlog inflated it far beyond a normal batch.
            if batch.capacity > 4 * flushThreshold {
                batch = Self.emptyBuffer(capacity: min(2 * flushThreshold, bufferLimit))
            } else {
                batch.removeAll(keepingCapacity: true)
            }
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fileDescriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fileDescriptor, base + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                    continue
                }
                let failure = written < 0 ? errno : 0
                if failure == EINTR { continue }
                if failure == EAGAIN || failure == EWOULDBLOCK {
                    waitUntilWritable(fileDescriptor)
                    continue
                }
                return
            }
        }
    }

    /// Blocks (on the writer, never a logging thread) until a non-blocking descriptor can take more data.
    private static func waitUntilWritable(_ fileDescriptor: Int32) {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
        _ = poll(&descriptor, 1, 100)
    }

    /// The periodic flush. The handler holds the sink weakly so an unused sink can still be deallocated.
    private static func startTimer(
        on queue: DispatchQueue,
        interval: DispatchTimeInterval,
        handler: @escaping @Sendable () -> Void
    ) -> sending any DispatchSourceTimer {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(1))
        source.setEventHandler(handler: handler)
        source.activate()
        return source
    }

    private static func emptyBuffer(capacity: Int) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity)
        return buffer
    }

    /// Converts to Dispatch's unit, clamped to [1 ms, 1 day] so a zero or absurd interval cannot spin or overflow.
    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        return .nanoseconds(Int(min(max(nanoseconds, 1e6), 86_400e9)))
    }
}
