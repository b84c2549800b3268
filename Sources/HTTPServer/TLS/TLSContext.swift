import COpenSSL
import Glibc

/// One loaded certificate pair as an OpenSSL `SSL_CTX`: TLS 1.2 and 1.3 only, forward-secret AEAD
/// suites, ALPN by the server's preference, optional client-certificate verification. Built once
/// (and again on each reload) and shared by every connection: `SSL_new` per connection is cheap,
/// loading and checking the pair is not.
///
/// Immutable after init, and OpenSSL allows `SSL_new` on one `SSL_CTX` from many threads, so the
/// type is `@unchecked Sendable`. Each `TLSStream` keeps its context alive, so a reload never
/// frees a context under a connection still using it.
public final class TLSContext: @unchecked Sendable {
    let handle: OpaquePointer
    /// The served certificate, for log lines.
    public let certificate: TLSCertificateSummary
    public let configuration: TLSConfiguration

    /// TLS 1.2 suites: ECDHE only (forward secrecy), AEAD only; no NULL, anonymous, CBC or RSA key
    /// exchange. TLS 1.3 keeps OpenSSL's defaults, which are all AEAD.
    static let tls12Ciphers = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// Loads and checks the files `configuration` names.
    /// - Throws: `TLSConfigurationError` naming the file at fault: missing or unreadable, no PEM
    ///   certificate or key, a passphrase-protected key, a key that is not the certificate's, an
    ///   expired certificate, or an unusable client CA bundle.
    public init(configuration: TLSConfiguration) throws(TLSConfigurationError) {
        guard let handle = SSL_CTX_new(TLS_server_method()) else {
            throw TLSConfigurationError(file: .certificate, message: "OpenSSL could not create a TLS context")
        }
        defer { ERR_clear_error() }
        do {
            try Self.configureProtocol(handle)
            certificate = try TLSCredentialLoader.load(configuration, into: handle)
        } catch {
            SSL_CTX_free(handle)
            throw error
        }
        self.handle = handle
        self.configuration = configuration
    }

    deinit {
        SSL_CTX_free(handle)
    }

    /// Versions, suites, modes and ALPN: everything that does not depend on the files.
    private static func configureProtocol(_ handle: OpaquePointer) throws(TLSConfigurationError) {
        guard copenssl_ctx_set_protocol_range(handle, TLS1_2_VERSION, TLS1_3_VERSION) == 1,
            SSL_CTX_set_cipher_list(handle, tls12Ciphers) == 1
        else {
            throw TLSConfigurationError(file: .certificate, message: "OpenSSL refused the TLS 1.2/1.3 protocol settings")
        }
        SSL_CTX_set_options(handle, copenssl_server_options())
        _ = copenssl_ctx_set_mode(handle, copenssl_stream_modes())
        // Read whole socket buffers, not a record header then its body: one read() per burst. The
        // connection drains what OpenSSL buffered (SSL_has_pending) since epoll cannot see it.
        copenssl_ctx_set_read_ahead(handle, 1)
        // Session resumption (and mTLS with it) needs an id context; any fixed value does.
        let sessionContext = Array("pipeline-gateway".utf8)
        _ = SSL_CTX_set_session_id_context(handle, sessionContext, UInt32(sessionContext.count))
        SSL_CTX_set_alpn_select_cb(handle, { _, out, outLength, input, inputLength, _ in
            guard let out, let outLength, let input else { return SSL_TLSEXT_ERR_NOACK }
            let offer = UnsafeRawBufferPointer(start: input, count: Int(inputLength))
            // No common protocol is not fatal: the handshake goes on without ALPN, as HTTP/1.1.
            guard let chosen = ApplicationProtocol.select(from: offer) else { return SSL_TLSEXT_ERR_NOACK }
            out.pointee = input + chosen.offset
            outLength.pointee = UInt8(chosen.length)
            return SSL_TLSEXT_ERR_OK
        }, nil)
    }

    /// A server-side TLS stream on `fd`, or nil when OpenSSL is out of memory.
    func makeStream(fd: Int32) -> TLSStream? {
        TLSStream(context: self, fd: fd)
    }
}
