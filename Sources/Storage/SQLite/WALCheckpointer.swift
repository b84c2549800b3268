import Foundation

/// Copies the write-ahead log back into the database file on its own thread and connection, about
/// once a second, instead of inside whichever commit crosses SQLite's 1,000-page threshold.
///
/// A burst of a thousand scheduler fires dirties thousands of pages; with SQLite's automatic
/// checkpoint the commit that tips the log over the threshold also pays for copying (and syncing) all
/// of it, so the fires in that commit are recorded late. A PASSIVE checkpoint never blocks the writer
/// or the readers; it copies what it can and tries again on the next tick.
///
/// It still competes with the writer for the disk (its sync of the database file stalls the log's
/// writes on the same file system), so each tick waits for a pause in the writer's work — between
/// two bursts of fires — for up to `maximumDeferral`.
final class WALCheckpointer: @unchecked Sendable {
    private let connection: SQLiteConnection
    private let interval: DispatchTimeInterval
    private let writerIdleFor: @Sendable () -> Duration
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = NSLock()
    private var stopped = false

    /// The writer pause a checkpoint waits for, and how long it waits for one at most.
    static let quietPause: Duration = .milliseconds(30)
    static let maximumDeferral: Duration = .seconds(2)

    init(connection: SQLiteConnection, interval: DispatchTimeInterval = .seconds(1), writerIdleFor: @escaping @Sendable () -> Duration = { .seconds(1) }) {
        self.connection = connection
        self.interval = interval
        self.writerIdleFor = writerIdleFor
        let thread = Thread { [self] in loop() }
        thread.name = "store-checkpointer"
        thread.start()
    }

    private func loop() {
        while true {
            _ = wake.wait(timeout: .now() + interval)
            if stopping.withLock({ stopped }) { break }
            let deferUntil = ContinuousClock.now + Self.maximumDeferral
            while writerIdleFor() < Self.quietPause, ContinuousClock.now < deferUntil {
                if wake.wait(timeout: .now() + .milliseconds(20)) == .success { break }
            }
            if stopping.withLock({ stopped }) { break }
            // Busy or partial is fine: the log is copied as far as readers allow, the rest next time.
            _ = try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        }
        connection.close()
        finished.signal()
    }

    /// Ends the thread and closes its connection; waits for a checkpoint in progress.
    func stop() {
        let first = stopping.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }
}
