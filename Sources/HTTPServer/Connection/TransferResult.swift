/// The outcome of one non-blocking read or write on a connection's transport (the socket itself,
/// or TLS over it). TLS may need the *other* readiness to make progress: a read that must first
/// send (handshake messages, session tickets) or a write that must first receive.
enum TransferResult {
    /// Bytes moved (decrypted bytes for TLS reads, plaintext bytes consumed for TLS writes).
    case transferred(Int)
    /// Nothing to do until the socket is readable.
    case wantsReadable
    /// Nothing to do until the socket is writable.
    case wantsWritable
    /// The peer closed its sending side.
    case endOfInput
    /// The connection is unusable (reset, protocol error); close it.
    case failed
}
