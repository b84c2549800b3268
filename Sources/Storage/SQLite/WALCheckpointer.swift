import Foundation

/// Copies the write-ahead log back into the database file on its own thread and connection, about
/// once a second, instead of inside whichever commit crosses SQLite's 1,000-page threshold.
///
/// A burst of a thousand scheduler fires dirties thousands of pages; with SQLite's automatic
/// checkpoint the commit that tips the log over the threshold also pays for copying (and syncing) all
/// of it, so the fires in that commit are recorded late. A PASSIVE checkpoint never blocks the writer
/// or the readers; it copies what it can and tries again on the next tick.
final class WALCheckpointer: @unchecked Sendable {
    private let connection: SQLiteConnection
    private let interval: DispatchTimeInterval
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopping = NSLock()
    private var stopped = false

    init(connection: SQLiteConnection, interval: DispatchTimeInterval = .seconds(1)) {
        self.connection = connection
        self.interval = interval
        let thread = Thread { [self] in loop() }
        thread.name = "store-checkpointer"
        thread.start()
    }

    private func loop() {
        while true {
            _ = wake.wait(timeout: .now() + interval)
            let done = stopping.withLock { stopped }
            if done { break }
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
