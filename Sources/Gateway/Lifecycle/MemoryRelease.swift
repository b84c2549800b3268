import Glibc

/// Hands freed heap pages back to the system. glibc keeps what a burst of work freed (arming 100,000
/// schedules reads them a page at a time, but still touches ~100 MB) in its arenas for reuse; the
/// resident size would stay at that peak forever. `malloc_trim` is not in Swift's Glibc module, so it
/// is looked up at run time (it is always there in glibc; elsewhere this does nothing).
enum MemoryRelease {
    private typealias Trim = @convention(c) (Int) -> Int32

    static func returnFreedMemory() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
}
