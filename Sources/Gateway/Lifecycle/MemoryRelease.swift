import Glibc

/// Keeps glibc's heap from holding on to memory the gateway has freed.
///
/// glibc keeps what a burst of work freed (arming 100,000 schedules, a thousand fires in one second)
/// in its arenas for reuse — one arena per thread that ever allocated, up to eight per core — so the
/// resident size would stay at the highest peak forever. `malloc_trim` is not in Swift's Glibc module,
/// so it is looked up at run time (always there in glibc; elsewhere this does nothing).
enum MemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// Hands freed pages back to the system.
    static func returnFreedMemory() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}
