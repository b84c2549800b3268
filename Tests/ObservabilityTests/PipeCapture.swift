import Dispatch
import Foundation
import Glibc
import Observability
import Synchronization

/// A pipe whose read end is drained continuously by a background thread, so writers never block on a
/// full pipe unless a test wants them to (`startReading: false`, then `startReading()` later).
final class PipeCapture: Sendable {
    let readEnd: Int32
    let writeEnd: Int32
    private let received = Mutex<[UInt8]>([])
    private let finished = DispatchSemaphore(value: 0)
    private let started = Mutex(false)

    struct PipeError: Error {}

    init(startReading: Bool = true) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw PipeError() }
        readEnd = ends[0]
        writeEnd = ends[1]
        if startReading { self.startReading() }
    }

    /// Shrinks the kernel pipe buffer (Linux rounds up to one page) to make "stuck" writers easy to produce.
    func shrinkBuffer() {
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, not exported by the Glibc module
        _ = fcntl(writeEnd, setPipeSize, 4096)
    }

    func startReading() {
        let alreadyStarted = started.withLock { started in
            defer { started = true }
            return started
        }
        guard !alreadyStarted else { return }
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count > 0 {
                    received.withLock { $0.append(contentsOf: chunk[0..<count]) }
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            finished.signal()
        }
    }

    /// Bytes read so far, as text.
    var text: String {
        received.withLock { String(decoding: $0, as: UTF8.self) }
    }

    /// Polls until `condition` holds for the text read so far, or `timeout` passes.
    func waitUntil(timeout: Duration = .seconds(10), _ condition: (String) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(text) { return true }
            usleep(2_000)
        }
        return condition(text)
    }

    /// Closes the write end and returns everything read once the reader sees end-of-file.
    func finish() -> String? {
        close(writeEnd)
        startReading()
        guard finished.wait(timeout: .now() + 30) == .success else { return nil }
        close(readEnd)
        return text
    }
}

/// Parses one log line as a JSON object, or nil if it is not one.
func parseJSONObject(_ line: String) -> [String: Any]? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else { return nil }
    return object as? [String: Any]
}

/// A sink that records lines and counts flushes, to observe what `Logger` hands to its sink.
final class RecordingSink: LogSink {
    private let state = Mutex<(lines: [String], flushes: Int)>(([], 0))

    var lines: [String] { state.withLock { $0.lines } }
    var flushes: Int { state.withLock { $0.flushes } }

    func write(_ line: String) {
        state.withLock { $0.lines.append(line) }
    }

    func flush() {
        state.withLock { $0.flushes += 1 }
    }
}
