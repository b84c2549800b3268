import COpenSSL
import Glibc

/// The server side of TLS on one non-blocking socket. OpenSSL reads and writes the fd itself;
/// every call returns at once, saying what it moved or which readiness it waits for, and the
/// connection turns that into epoll interest. Confined to its connection's event loop thread.
final class TLSStream {
    private let ssl: OpaquePointer
    /// Held so the `SSL_CTX` outlives this stream even when a reload replaces it.
    private let context: TLSContext
    /// After a fatal error OpenSSL must not be asked to send close_notify.
    private var hasFailed = false

    /// How a non-blocking handshake step ended.
    enum HandshakeProgress {
        case complete
        case wantsReadable
        case wantsWritable
        case failed
    }

    init?(context: TLSContext, fd: Int32) {
        guard let ssl = SSL_new(context.handle) else { return nil }
        guard SSL_set_fd(ssl, fd) == 1 else {
            SSL_free(ssl)
            return nil
        }
        SSL_set_accept_state(ssl)
        self.ssl = ssl
        self.context = context
    }

    deinit {
        SSL_free(ssl)
    }

    /// Advances the handshake with whatever the socket allows.
    func handshake() -> HandshakeProgress {
        let result = SSL_do_handshake(ssl)
        if result == 1 { return .complete }
        switch classify(result) {
        case .wantsReadable: return .wantsReadable
        case .wantsWritable: return .wantsWritable
        case .transferred, .endOfInput, .failed: return .failed
        }
    }

    /// Decrypts up to one record into `buffer`.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> TransferResult {
        let n = SSL_read(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
        return n > 0 ? .transferred(Int(n)) : classify(n)
    }

    /// Encrypts and sends up to one record of `bytes` (partial writes are enabled).
    func write(_ bytes: UnsafeRawBufferPointer) -> TransferResult {
        guard !bytes.isEmpty else { return .transferred(0) }
        let n = SSL_write(ssl, bytes.baseAddress, Int32(clamping: bytes.count))
        return n > 0 ? .transferred(Int(n)) : classify(n)
    }

    /// Whether OpenSSL holds received bytes not yet returned by `read`. epoll cannot see these, so
    /// the connection must keep reading while this is true.
    var hasBufferedInput: Bool { SSL_has_pending(ssl) == 1 }

    /// The protocol ALPN settled on; nil when the client offered none the server speaks.
    var negotiatedProtocol: ApplicationProtocol? {
        var name: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &name, &length)
        guard let name, length > 0 else { return nil }
        return ApplicationProtocol(identifier: UnsafeRawBufferPointer(start: name, count: Int(length)))
    }

    /// Sends close_notify once, best effort (the socket is closed right after, whatever happens).
    func sendCloseNotify() {
        guard !hasFailed, SSL_is_init_finished(ssl) == 1 else { return }
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    private func classify(_ result: Int32) -> TransferResult {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ:
            return .wantsReadable
        case SSL_ERROR_WANT_WRITE:
            return .wantsWritable
        case SSL_ERROR_ZERO_RETURN:
            // close_notify, or (SSL_OP_IGNORE_UNEXPECTED_EOF) a plain TCP close.
            return .endOfInput
        default:
            // Protocol errors, failed verification of a client certificate, resets. The thread's
            // error queue is emptied so the next connection on this loop starts clean.
            hasFailed = true
            ERR_clear_error()
            return .failed
        }
    }
}
