import Dispatch
import Glibc

/// Turns SIGTERM/SIGINT into an async event. The signals are ignored at the C level and observed
/// with DispatchSource, so no work ever runs inside a signal handler.
public enum SignalWatcher {
    /// Returns when SIGTERM or SIGINT arrives, with its number.
    public static func waitForTermination() async -> Int32 {
        await wait(for: [SIGTERM, SIGINT])
    }

    /// Every arrival of `number` while the stream is iterated, from one signal source kept for the
    /// stream's whole life. (Waiting anew per arrival would set SIG_IGN again after libdispatch
    /// installed its handler, which silently disables the source: a second SIGHUP was lost.)
    public static func arrivals(of number: Int32) -> AsyncStream<Void> {
        AsyncStream { continuation in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "signal-\(number)"))
            source.setEventHandler { @Sendable in continuation.yield() }
            let held = HeldSource(source)
            continuation.onTermination = { @Sendable _ in held.source.cancel() }
            source.resume()
        }
    }

    /// Returns when the first of `signals` arrives, with its number.
    public static func wait(for signals: [Int32]) async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let queue = DispatchQueue(label: "signals")
            let resumed = ResumeOnce(continuation)
            var sources: [any DispatchSourceSignal] = []
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { @Sendable in resumed.resume(number) }
                source.resume()
                sources.append(source)
            }
            resumed.keep(sources)
        }
    }
}

import Synchronization

/// Resumes a continuation at most once and keeps the signal sources alive until then.
private final class ResumeOnce: Sendable {
    private let state: Mutex<(CheckedContinuation<Int32, Never>?, [any DispatchSourceSignal])>

    init(_ continuation: CheckedContinuation<Int32, Never>) {
        state = Mutex((continuation, []))
    }

    func keep(_ sources: [any DispatchSourceSignal]) {
        state.withLock { $0.1 = sources }
    }

    func resume(_ value: Int32) {
        let continuation = state.withLock { state -> CheckedContinuation<Int32, Never>? in
            let c = state.0
            state.0 = nil
            return c
        }
        continuation?.resume(returning: value)
    }
}

/// Keeps a signal source for a stream's termination handler. `@unchecked`: the source is only
/// cancelled from there, and libdispatch's `cancel` is safe from any thread.
private final class HeldSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}
