/// The protocol spoken on a connection (HTTP/1.x or HTTP/2, in cleartext or over TLS). The
/// `Connection` owns the socket, buffers and readiness; a session owns only protocol state, so
/// swapping protocols (ALPN, `Upgrade: h2c`) never touches the socket loop, router or handlers.
protocol ConnectionSession: AnyObject {
    /// New bytes from the peer. Responses go out through `Connection.enqueue`.
    func didRead(_ bytes: UnsafeRawBufferPointer)
    /// The peer closed its sending side.
    func peerClosedInput()
    /// Everything queued so far has been written (a paused session may resume).
    func didDrainOutput()
    /// Periodic check of the session's own deadlines.
    func tick(now: UInt64)
    /// Graceful shutdown began: finish what is in flight, take nothing new.
    func beginShutdown()
}
