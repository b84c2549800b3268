import COpenSSL
import Glibc

/// The client side of TLS for `RawHTTPClient`: OpenSSL over its non-blocking socket. Every call
/// returns at once; the caller sleeps and retries on `.retry`, as it does for plain sockets.
final class TestTLSClient {
    enum IO {
        case bytes(Int)
        case retry
        case endOfStream
        case failed
    }

    private let context: OpaquePointer
    private let ssl: OpaquePointer

    init(fd: Int32, options: TLSClientOptions) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw RawHTTPClient.ClientError.malformed("SSL_CTX_new failed") }
        SSL_CTX_set_options(context, copenssl_client_options())
        _ = copenssl_ctx_set_mode(context, copenssl_stream_modes())
        if let caPath = options.caPath {
            _ = SSL_CTX_load_verify_locations(context, caPath, nil)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        }
        if let pair = options.certificate {
            _ = SSL_CTX_use_certificate_chain_file(context, pair.certificatePath)
            _ = SSL_CTX_use_PrivateKey_file(context, pair.keyPath, SSL_FILETYPE_PEM)
        }
        let wire = options.applicationProtocols.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        if !wire.isEmpty { _ = SSL_CTX_set_alpn_protos(context, wire, UInt32(wire.count)) }
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw RawHTTPClient.ClientError.malformed("SSL_new failed")
        }
        SSL_set_fd(ssl, fd)
        SSL_set_connect_state(ssl)
        self.context = context
        self.ssl = ssl
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    func handshake() -> IO {
        let result = SSL_do_handshake(ssl)
        return result == 1 ? .bytes(0) : classify(result)
    }

    func write(_ bytes: UnsafeRawBufferPointer) -> IO {
        let n = SSL_write(ssl, bytes.baseAddress, Int32(bytes.count))
        return n > 0 ? .bytes(Int(n)) : classify(n)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> IO {
        let n = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
        return n > 0 ? .bytes(Int(n)) : classify(n)
    }

    /// The server certificate's subject (`/CN=…`), once the handshake is done.
    var peerSubject: String? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        var buffer = [CChar](repeating: 0, count: 256)
        return X509_NAME_oneline(X509_get_subject_name(certificate), &buffer, Int32(buffer.count)).map { String(cString: $0) }
    }

    /// The protocol name ALPN selected, if any.
    var negotiatedProtocol: String? {
        var name: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &name, &length)
        guard let name, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: name, count: Int(length)), as: UTF8.self)
    }

    /// "TLSv1.3" and the like.
    var protocolVersion: String { String(cString: SSL_get_version(ssl)) }

    private func classify(_ result: Int32) -> IO {
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .retry
        case SSL_ERROR_ZERO_RETURN:
            return .endOfStream
        default:
            ERR_clear_error()
            return .failed
        }
    }
}
