/// How the test client speaks TLS: which CA to verify the server against (none: accept any, for
/// tests about the server's HTTP behaviour rather than its certificate), an optional client
/// certificate for mTLS, and the ALPN protocols to offer.
public struct TLSClientOptions: Sendable {
    public var caPath: String?
    public var certificate: TestCertificates.Pair?
    public var applicationProtocols: [String]

    public init(caPath: String? = nil, certificate: TestCertificates.Pair? = nil, applicationProtocols: [String] = ["http/1.1"]) {
        self.caPath = caPath
        self.certificate = certificate
        self.applicationProtocols = applicationProtocols
    }
}
