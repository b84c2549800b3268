/// Something registered on an event loop for a file descriptor. Every call arrives on the loop's own
/// thread, so implementations need no locks for their state.
protocol EventLoopHandler: AnyObject {
    /// Readiness bits from epoll (`EPOLLIN`, `EPOLLOUT`, `EPOLLHUP`…).
    func handleEvents(_ events: UInt32)
    /// Called about four times a second while the loop has handlers, for timeouts.
    func tick(now: UInt64)
}
