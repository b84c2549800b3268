/// How `SQLiteStore` opens its file.
public struct SQLiteStoreOptions: Sendable, Equatable {
    /// `FULL` (default) syncs the WAL at every commit, so an acknowledged write survives power loss,
    /// not only a crash; group commit keeps that affordable. `NORMAL` trades that for speed.
    public enum Synchronous: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    public var synchronous: Synchronous
    /// How long a statement waits for another process's lock before the store reports it locked.
    public var busyTimeoutMilliseconds: Int32

    public init(synchronous: Synchronous = .full, busyTimeoutMilliseconds: Int32 = 5000) {
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }
}
