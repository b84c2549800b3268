/// How the server speaks TLS: the certificate pair, optional client-certificate verification, and
/// how long a handshake may take. Only paths are held, never key material, so the value can be
/// logged, compared and re-read from the same files on reload (cert-manager rotates files in place).
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM file with the server certificate first, then any intermediates.
    public var certificatePath: String
    /// PEM file with the certificate's private key (unencrypted; protect it with file permissions).
    public var privateKeyPath: String
    /// PEM file of CA certificates; when set, every client must present a certificate they issued (mTLS).
    public var clientCAPath: String?
    /// A connection whose handshake has not finished by then is closed, so a stalled or slow client
    /// holds a descriptor and a little memory for at most this long.
    public var handshakeTimeout: Duration = .seconds(10)

    public init(certificatePath: String, privateKeyPath: String, clientCAPath: String? = nil) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
    }
}
