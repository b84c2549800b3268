import Foundation
import Synchronization

/// One SQLite connection on its own thread, running jobs one after another.
///
/// A connection must not be used from two threads at once, and SQLite calls block; giving each
/// connection a plain thread keeps both facts away from Swift's cooperative pool. A writer worker
/// also commits in groups: every job waiting when the thread wakes runs inside one transaction (each
/// in its own savepoint, so one failing job rolls back alone), so many concurrent writes share one
/// fsync instead of paying one each. A job's caller is resumed only after the commit that holds its
/// change, so "acknowledged" always means "on disk".
final class DatabaseWorker: Sendable {
    enum Mode {
        /// Jobs run as they are, one by one (reads, schema work).
        case serial
        /// Waiting jobs are committed together in one transaction.
        case groupCommit
    }

    /// What running a job produced: whether its body threw, and how to answer its caller — called
    /// only once the transaction holding the change has committed.
    private struct Outcome {
        var failed: Bool
        var deliver: @Sendable () -> Void
    }

    private struct Job {
        var run: @Sendable (SQLiteConnection) -> Outcome
        var fail: @Sendable (SQLiteError) -> Void
        /// Whether its commit must reach the disk before the caller hears back (see `perform`).
        var durable = true
    }

    private struct State {
        var jobs: [Job] = []
        var stopped = false
    }

    private let state = Mutex(State())
    /// When the thread last finished a batch; nil while it runs one.
    private let lastFinished = Mutex<ContinuousClock.Instant?>(.now)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    let name: String
    private let mode: Mode
    /// The `synchronous` level durable commits use; lighter commits use NORMAL.
    private let durableSynchronous: String

    /// Starts the thread; from here on only that thread touches `connection`.
    init(name: String, connection: SQLiteConnection, mode: Mode, durableSynchronous: String = "FULL") {
        self.name = name
        self.mode = mode
        self.durableSynchronous = durableSynchronous
        let transfer = ConnectionHandoff(connection)
        let thread = Thread { [self] in
            loop(connection: transfer.connection)
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on the worker's connection and returns its result.
    ///
    /// A `durable` change is synced to disk (WAL fsync) before the caller resumes. A change that is
    /// not durable is committed without the sync: a crash of the process cannot lose it, a power loss
    /// can, until the next durable commit syncs the log past it. That is for changes the gateway can
    /// redo (a run's status after Azure accepted it: a lost one is settled again by the run's tag).
    func perform<T: Sendable>(
        durable: Bool = true, _ body: @escaping @Sendable (SQLiteConnection) throws(SQLiteError) -> T
    ) async throws(SQLiteError) -> T {
        let result: Result<T, SQLiteError> = await withCheckedContinuation { continuation in
            var job = Self.job(body) { continuation.resume(returning: $0) }
            job.durable = durable
            enqueue(job)
        }
        return try result.get()
    }

    /// Runs `body` on the worker's connection and blocks the calling thread until it is done; for
    /// start-up and command-line work that is not on the cooperative pool.
    func performBlocking<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        let box = BlockingResult<T>()
        enqueue(Self.job(body) { result in box.set(result) })
        return try box.wait().get()
    }

    private static func job<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteConnection) throws(SQLiteError) -> T, answer: @escaping @Sendable (Result<T, SQLiteError>) -> Void
    ) -> Job {
        Job(
            run: { connection in
                let result: Result<T, SQLiteError>
                do throws(SQLiteError) {
                    result = .success(try body(connection))
                } catch {
                    result = .failure(error)
                }
                let failed = if case .failure = result { true } else { false }
                return Outcome(failed: failed) { answer(result) }
            },
            fail: { error in answer(.failure(error)) }
        )
    }

    /// How long the worker has had nothing to do (zero while it runs a batch or has one queued).
    ///
    /// The checkpointer waits for such a pause: copying the log into the database file (and syncing
    /// it) in the middle of a burst of commits slows every write of the burst.
    var idleFor: Duration {
        let queued = state.withLock { !$0.jobs.isEmpty }
        guard !queued, let finished = lastFinished.withLock({ $0 }) else { return .zero }
        return ContinuousClock.now - finished
    }

    /// Lets queued jobs finish, then closes the connection and ends the thread.
    func stop() {
        let first = state.withLock { state -> Bool in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }

    private func enqueue(_ job: Job) {
        let accepted = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted {
            wake.signal()
        } else {
            job.fail(SQLiteError(code: 21, message: "the store is closed"))
        }
    }

    private func loop(connection: SQLiteConnection) {
        var synchronous = ""
        while true {
            wake.wait()
            let (jobs, stopped) = state.withLock { state -> ([Job], Bool) in
                defer { state.jobs.removeAll(keepingCapacity: true) }
                return (state.jobs, state.stopped)
            }
            // Each queued job signalled once; the batch took them all, so swallow the extra signals.
            for _ in 0..<max(jobs.count - 1, 0) { _ = wake.wait(timeout: .now()) }
            lastFinished.withLock { $0 = nil }
            defer { lastFinished.withLock { $0 = .now } }
            switch mode {
            case .serial:
                for job in jobs { job.run(connection).deliver() }
            case .groupCommit:
                // One level per batch: the whole batch is synced if any job in it must be.
                let wanted = jobs.contains(where: \.durable) ? durableSynchronous : "NORMAL"
                if wanted != synchronous, (try? connection.execute("PRAGMA synchronous = \(wanted)")) != nil {
                    synchronous = wanted
                }
                Self.runGroup(jobs, on: connection)
            }
            if stopped && state.withLock({ $0.jobs.isEmpty }) {
                connection.close()
                return
            }
        }
    }

    /// One transaction for the whole batch; a job that throws is rolled back to its savepoint and
    /// answered with its error, the others commit together and are answered after COMMIT.
    private static func runGroup(_ jobs: [Job], on connection: SQLiteConnection) {
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            for job in jobs { job.fail(error) }
            return
        }
        var ran: [(job: Job, deliver: () -> Void)] = []
        ran.reserveCapacity(jobs.count)
        for job in jobs {
            do {
                try connection.execute("SAVEPOINT job")
            } catch {
                job.fail(error)
                continue
            }
            let outcome = job.run(connection)
            if outcome.failed {
                _ = try? connection.execute("ROLLBACK TO job")
            }
            _ = try? connection.execute("RELEASE job")
            ran.append((job, outcome.deliver))
        }
        do {
            try connection.execute("COMMIT")
            for entry in ran { entry.deliver() }
        } catch {
            _ = try? connection.execute("ROLLBACK")
            for entry in ran { entry.job.fail(error) }
        }
    }
}

/// A result handed from the worker thread to a thread blocked waiting for it.
private final class BlockingResult<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, SQLiteError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func set(_ result: Result<T, SQLiteError>) {
        value.withLock { $0 = result }
        ready.signal()
    }

    func wait() -> Result<T, SQLiteError> {
        ready.wait()
        return value.withLock { $0 } ?? .failure(SQLiteError(code: 21, message: "the job did not run"))
    }
}

/// Hands a connection to the worker thread that will own it from then on.
///
/// `SQLiteConnection` is not Sendable (its statements are thread-confined); the creating thread gives
/// it up entirely once the worker starts, so crossing this one boundary is safe.
private final class ConnectionHandoff: @unchecked Sendable {
    let connection: SQLiteConnection
    init(_ connection: SQLiteConnection) { self.connection = connection }
}
